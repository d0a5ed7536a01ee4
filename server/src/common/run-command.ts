import { CommandRefused, createEventOf, type EventDefinition } from '@rembuk/domain'
import {
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  WrongExpectedRevisionError,
} from '@rembuk/event-store'
import type { z } from 'zod'
import type { SessionMember } from '../accounts/auth.decorators.js'
import type { DirectoryEntry } from '../projections/aggregate-directory.js'

export interface CommandRun {
  store: EventStore
  stream: string
  /** Decides on the current state: the events to append and the revision they expect (no events: nothing to do). */
  decide(): { events: NewEvent[]; expected: ExpectedRevision }
  /** Resolves once the read side has applied the event at `position`. */
  settled(position: bigint): Promise<void>
  what: string
}

const attempts = 3
const running = new Map<string, Promise<void>>()

/**
 * Decides and appends with optimistic concurrency: when another writer got there first, the command is
 * decided again on the newer state, a few times, before the caller hears of the conflict. Commands on one
 * stream run one after another in this process (the store commits the appends of one turn together, so two
 * decided on the same state would otherwise always collide); other replicas are met by the revision check.
 */
export function runCommand(run: CommandRun): Promise<void> {
  const before = running.get(run.stream) ?? Promise.resolve()
  const done = before.then(() => decideAndAppend(run))
  const settled = done.catch(() => undefined)
  running.set(run.stream, settled)
  void settled.then(() => {
    if (running.get(run.stream) === settled) running.delete(run.stream)
  })
  return done
}

async function decideAndAppend(run: CommandRun): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const { events, expected } = run.decide()
    if (events.length === 0) return
    try {
      const result = await run.store.append(run.stream, events, expected)
      await run.settled(result.position)
      return
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error
      if (attempt === attempts)
        throw new CommandRefused('conflict', `The ${run.what} changed meanwhile; try again`)
      await run.settled(await lastPosition(run.store, run.stream))
    }
  }
}

/** The position of the stream's newest event: the read side has seen the other writer once it reaches this. */
async function lastPosition(store: EventStore, stream: string): Promise<bigint> {
  for await (const event of store.readStream(stream, { direction: 'backwards', max: 1 }))
    return event.position
  return 0n
}

/** What every event a member's command causes carries: who, by name, and their school. */
export const memberMetadata = (by: SessionMember) => ({
  actorId: by.memberId,
  actorName: by.name,
  schoolId: by.schoolId,
})

export interface RecordCommandRun<State extends { schoolId: string }> {
  store: EventStore
  directory: {
    ofSchoolOrRefuse(id: string, schoolId: string, notFound: string): DirectoryEntry<State>
    waitFor(position: bigint): Promise<void>
  }
  stream: string
  /** The record's name in a conflict ("the group changed meanwhile"). */
  what: string
  /** The refusal when the record is not of the member's school. */
  notFound: string
  by: SessionMember
  id: string
  /** The command starts the record: there is nothing to look up yet. */
  starts: boolean
  definitions: Readonly<Record<string, EventDefinition<string, z.ZodType>>>
  decide(
    state: State | undefined,
    entry: DirectoryEntry<State> | undefined,
  ): { type: string; data: unknown }[]
}

/**
 * A member's command on one record of their school, kept in a directory: decided on the record as the directory
 * holds it, its events checked against their definitions and appended after that revision.
 */
export function runRecordCommand<State extends { schoolId: string }>(
  run: RecordCommandRun<State>,
): Promise<void> {
  const metadata = memberMetadata(run.by)
  return runCommand({
    store: run.store,
    stream: run.stream,
    what: run.what,
    decide: () => {
      const entry = run.starts
        ? undefined
        : run.directory.ofSchoolOrRefuse(run.id, run.by.schoolId, run.notFound)
      const events = run
        .decide(entry?.state, entry)
        .map((event) => createEventOf(run.definitions, event, metadata))
      return { events, expected: entry?.revision ?? 'no_stream' }
    },
    settled: (position) => run.directory.waitFor(position),
  })
}
