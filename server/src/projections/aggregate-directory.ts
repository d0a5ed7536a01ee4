import { CommandRefused, type EventDefinition, parseEventOf } from '@rembuk/domain'
import type { EventStore, RecordedEvent } from '@rembuk/event-store'
import type { z } from 'zod'
import { LiveProjection } from './live-projection.js'

export interface DirectoryEntry<State> {
  state: State
  revision: bigint
  created: Date
  updated: Date
  /** Where its first event is in the log: orders entries even when two were created in the same instant. */
  firstPosition: bigint
}

/**
 * Every aggregate of one kind (plans, maps, meetings, decisions) in memory: folded from its streams at start
 * and kept current, findable by id, by school, and by document for those that own a live document.
 */
export class AggregateDirectory<State extends { schoolId: string; docId?: string }, Event> {
  private readonly entries = new Map<string, DirectoryEntry<State>>()
  private readonly idOfDoc = new Map<string, string>()
  private readonly projection: LiveProjection

  constructor(
    name: string,
    store: EventStore,
    private readonly streamPrefix: string,
    private readonly definitions: Readonly<Record<string, EventDefinition<string, z.ZodType>>>,
    private readonly evolve: (state: State | undefined, event: Event) => State | undefined,
  ) {
    this.projection = new LiveProjection(name, store, streamPrefix, (event) => this.apply(event))
  }

  start(): Promise<void> {
    return this.projection.start()
  }

  stop(): Promise<void> {
    return this.projection.stop()
  }

  get(id: string): DirectoryEntry<State> | undefined {
    return this.entries.get(id)
  }

  /** The entry when it belongs to the school; none, or another school's, is refused as not found. */
  ofSchoolOrRefuse(id: string, schoolId: string, notFound: string): DirectoryEntry<State> {
    const entry = this.entries.get(id)
    if (!entry || entry.state.schoolId !== schoolId) throw new CommandRefused('not_found', notFound)
    return entry
  }

  byDoc(docId: string): State | undefined {
    const id = this.idOfDoc.get(docId)
    return id ? this.entries.get(id)?.state : undefined
  }

  /** The school's entries, the most recently started first. */
  ofSchool(schoolId: string): DirectoryEntry<State>[] {
    return [...this.entries.values()]
      .filter((entry) => entry.state.schoolId === schoolId)
      .sort((a, b) => (a.firstPosition < b.firstPosition ? 1 : -1))
  }

  waitFor(position: bigint): Promise<void> {
    return this.projection.waitFor(position)
  }

  /** Called after each event is applied, before a command that waits for it is answered. */
  onApplied(listener: (event: RecordedEvent) => void): void {
    this.projection.onApplied(listener)
  }

  private apply(recorded: RecordedEvent): void {
    if (!(recorded.type in this.definitions)) return
    const event = parseEventOf(this.definitions, recorded) as Event
    const id = recorded.streamId.slice(this.streamPrefix.length)
    const known = this.entries.get(id)
    const state = this.evolve(known?.state, event)
    if (!state) return
    this.entries.set(id, {
      state,
      revision: recorded.revision,
      created: known?.created ?? recorded.created,
      updated: recorded.created,
      firstPosition: known?.firstPosition ?? recorded.position,
    })
    if (state.docId) this.idOfDoc.set(state.docId, id)
  }
}
