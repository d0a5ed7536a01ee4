import { type EventDefinition, parseEventOf } from '@rembuk/domain'
import type { EventStore, RecordedEvent } from '@rembuk/event-store'
import type { z } from 'zod'
import { LiveProjection } from './live-projection.js'

export interface DirectoryEntry<State> {
  state: State
  revision: bigint
  updated: Date
}

/**
 * Every aggregate of one kind (plans, maps) that owns a live document, in memory: folded from its streams at
 * start and kept current, findable by id, by document and by school.
 */
export class AggregateDirectory<State extends { schoolId: string; docId: string }, Event> {
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

  byDoc(docId: string): State | undefined {
    const id = this.idOfDoc.get(docId)
    return id ? this.entries.get(id)?.state : undefined
  }

  ofSchool(schoolId: string): DirectoryEntry<State>[] {
    return [...this.entries.values()].filter((entry) => entry.state.schoolId === schoolId)
  }

  waitFor(position: bigint): Promise<void> {
    return this.projection.waitFor(position)
  }

  private apply(recorded: RecordedEvent): void {
    if (!(recorded.type in this.definitions)) return
    const event = parseEventOf(this.definitions, recorded) as Event
    const id = recorded.streamId.slice(this.streamPrefix.length)
    const state = this.evolve(this.entries.get(id)?.state, event)
    if (!state) return
    this.entries.set(id, { state, revision: recorded.revision, updated: recorded.created })
    this.idOfDoc.set(state.docId, id)
  }
}
