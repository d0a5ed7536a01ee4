import type { Pool, PoolClient } from 'pg'
import { satisfiesExpected } from '../append-rules.js'
import { InvalidAppendError, WrongExpectedRevisionError } from '../errors.js'
import type { AppendResult, ExpectedRevision } from '../port.js'
import { readStreamRevision } from './event-reads.js'
import type { EventColumns } from './event-rows.js'
import { inTransaction } from './pool.js'

interface DatabaseError {
  code?: string
  constraint?: string
  detail?: string
}

/** Writers that bypass `rembuk_lock_stream` can still take a revision first; those appends start over. */
const attemptsOnTakenRevision = 5

/**
 * The expected-revision check and the inserts in one transaction, with the stream locked from the check to
 * the commit. Resolves once the transaction is committed.
 */
export async function appendInTransaction(
  pool: Pool,
  stream: string,
  columns: EventColumns,
  expected: ExpectedRevision,
): Promise<AppendResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(pool, (client) => checkAndInsert(client, stream, columns, expected))
    } catch (error) {
      const { code, constraint, detail } = error as DatabaseError
      if (code !== '23505') throw error
      if (constraint === 'rembuk_events_id_unique') {
        throw new InvalidAppendError(`An event id is already stored${detail ? `: ${detail}` : ''}`)
      }
      if (constraint !== 'rembuk_events_stream_revision_unique') throw error
      if ((expected === 'any' || expected === 'stream_exists') && attempt < attemptsOnTakenRevision) continue
      throw new WrongExpectedRevisionError(stream, expected, await readStreamRevision(pool, stream))
    }
  }
}

async function checkAndInsert(
  client: PoolClient,
  stream: string,
  columns: EventColumns,
  expected: ExpectedRevision,
): Promise<AppendResult> {
  const { rows } = await client.query<{ revision: string | null }>(
    'SELECT rembuk_lock_stream($1) AS revision',
    [stream],
  )
  const revision = rows[0]?.revision
  const current = revision === null || revision === undefined ? undefined : BigInt(revision)
  if (!satisfiesExpected(expected, current)) throw new WrongExpectedRevisionError(stream, expected, current)
  const first = (current ?? -1n) + 1n
  const inserted = await client.query<{ position: string }>(
    'SELECT rembuk_insert_events($1, $2, $3, $4, $5, $6, $7) AS position',
    [stream, first, columns.ids, columns.types, columns.data, columns.payloads, columns.metadata],
  )
  return {
    nextExpectedRevision: first + BigInt(columns.ids.length) - 1n,
    position: BigInt(inserted.rows[0]?.position ?? 0),
  }
}
