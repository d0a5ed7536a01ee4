import type { Pool } from 'pg'
import type { EventFilter } from '../port.js'
import { type EventRow, eventColumns } from './event-rows.js'

/**
 * Every transaction older than this one has ended: an event of an older transaction is committed (and
 * visible to the same statement) or will never exist. A scalar subquery, so it is computed once per statement.
 */
const settled = 'transaction_id < (SELECT pg_snapshot_xmin(pg_current_snapshot()))'

export async function readStreamPage(
  pool: Pool,
  stream: string,
  fromRevision: bigint,
  direction: 'forwards' | 'backwards',
  limit: number,
): Promise<EventRow[]> {
  const [comparison, order] = direction === 'forwards' ? ['>=', 'ASC'] : ['<=', 'DESC']
  const { rows } = await pool.query<EventRow>(
    `SELECT ${eventColumns} FROM rembuk_events
     WHERE stream_id = $1 AND revision ${comparison} $2 ORDER BY revision ${order} LIMIT $3`,
    [stream, fromRevision, limit],
  )
  return rows
}

/** Events of the log after `after` (exclusive), up to `until` (inclusive), in position order. */
export async function readLogPage(
  pool: Pool,
  after: bigint,
  until: bigint | undefined,
  limit: number,
  filter: EventFilter | undefined,
): Promise<EventRow[]> {
  const { rows } = await pool.query<EventRow>(
    `SELECT ${eventColumns} FROM rembuk_events
     WHERE position > $1 AND ($2::bigint IS NULL OR position <= $2) AND ${settled}
       AND ($3::text[] IS NULL OR EXISTS (SELECT FROM unnest($3::text[]) AS p WHERE starts_with(stream_id, p)))
       AND ($4::text[] IS NULL OR EXISTS (SELECT FROM unnest($4::text[]) AS p WHERE starts_with(type, p)))
     ORDER BY position LIMIT $5`,
    [after, until ?? null, filter?.streamPrefixes ?? null, filter?.typePrefixes ?? null, limit],
  )
  return rows
}

export interface LogMarks {
  /** The newest position a reader may pass: every event at or before it is settled. */
  head: bigint
  /** The newest committed position, settled or not: above `head` while an older transaction still runs. */
  newest: bigint
}

export async function readLogMarks(pool: Pool): Promise<LogMarks> {
  const { rows } = await pool.query<{ head: string | null; newest: string | null }>(
    `SELECT (SELECT max(position) FROM rembuk_events WHERE ${settled}) AS head,
            (SELECT max(position) FROM rembuk_events) AS newest`,
  )
  const [marks] = rows
  return { head: BigInt(marks?.head ?? 0), newest: BigInt(marks?.newest ?? 0) }
}

export async function readStreamRevision(pool: Pool, stream: string): Promise<bigint | undefined> {
  const { rows } = await pool.query<{ revision: string | null }>(
    'SELECT max(revision) AS revision FROM rembuk_events WHERE stream_id = $1',
    [stream],
  )
  const revision = rows[0]?.revision
  return revision === null || revision === undefined ? undefined : BigInt(revision)
}
