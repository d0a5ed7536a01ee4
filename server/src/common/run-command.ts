import { CommandRefused } from '@rembuk/domain'
import {
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  WrongExpectedRevisionError,
} from '@rembuk/event-store'

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
