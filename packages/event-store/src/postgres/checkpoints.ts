import type { Pool } from 'pg'
import { CheckpointConflictError } from '../errors.js'

export async function readCheckpoint(pool: Pool, subscriberId: string): Promise<bigint | undefined> {
  const { rows } = await pool.query<{ position: string }>(
    'SELECT position FROM rembuk_checkpoints WHERE subscriber_id = $1',
    [subscriberId],
  )
  return rows[0] ? BigInt(rows[0].position) : undefined
}

/** Compare-and-set: the insert of a first checkpoint, or the update of the one expected. */
export async function storeCheckpoint(
  pool: Pool,
  subscriberId: string,
  position: bigint,
  expected: bigint | undefined,
): Promise<void> {
  const { rowCount } =
    expected === undefined
      ? await pool.query(
          'INSERT INTO rembuk_checkpoints (subscriber_id, position) VALUES ($1, $2) ON CONFLICT DO NOTHING',
          [subscriberId, position],
        )
      : await pool.query(
          'UPDATE rembuk_checkpoints SET position = $2, updated = now() WHERE subscriber_id = $1 AND position = $3',
          [subscriberId, position, expected],
        )
  if (rowCount === 0) {
    throw new CheckpointConflictError(subscriberId, expected, await readCheckpoint(pool, subscriberId))
  }
}
