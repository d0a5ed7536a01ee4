import type { Pool } from 'pg'
import type { EventFilter } from '../port.js'
import { readLogMarks, readLogPage, readStreamPage } from './event-reads.js'
import { toRecorded } from './event-rows.js'
import type { SubscriptionReads } from './woken-source.js'

/** A stream's revisions become visible in order: a writer takes a revision only once the one before committed. */
export function streamSubscriptionReads(pool: Pool, stream: string, pageSize: number): SubscriptionReads {
  return {
    cursorOf: (event) => event.revision,
    async read(after) {
      const rows = await readStreamPage(pool, stream, after + 1n, 'forwards', pageSize)
      return { page: { events: rows.map(toRecorded) }, heldBack: false }
    },
  }
}

/**
 * Reads the log up to its settled head only, so the cursor never passes an event that is still to commit. A
 * short page lets the cursor move to the head even when no event matched the filter: every event at or
 * before the head is settled, so none can appear behind the cursor later.
 */
export function logSubscriptionReads(
  pool: Pool,
  filter: EventFilter | undefined,
  pageSize: number,
): SubscriptionReads {
  return {
    cursorOf: (event) => event.position,
    async read(after) {
      const { head, newest } = await readLogMarks(pool)
      if (head <= after) return { page: { events: [] }, heldBack: newest > after }
      const events = (await readLogPage(pool, after, head, pageSize, filter)).map(toRecorded)
      if (events.length === pageSize) return { page: { events }, heldBack: false }
      return { page: { events, scannedTo: head }, heldBack: newest > head }
    },
  }
}
