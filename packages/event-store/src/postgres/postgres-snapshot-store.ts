import type { Pool } from 'pg'
import { StoreClosedError } from '../errors.js'
import type { Snapshot, SnapshotStore } from '../snapshot-store.js'
import { createPool, type PoolOptions } from './pool.js'
import { ensureSnapshotSchema } from './schema.js'

const newest = 2n ** 63n - 1n

/** Snapshots in a table of the event store's database (or any other). */
export class PostgresSnapshotStore implements SnapshotStore {
  private closed = false

  /** On a pool the caller owns (the event store's): `close` leaves it open. */
  static async open(pool: Pool): Promise<PostgresSnapshotStore> {
    await ensureSnapshotSchema(pool)
    return new PostgresSnapshotStore(pool, false)
  }

  /** On a pool of its own, ended by `close`. */
  static async connect(url: string, options: PoolOptions = {}): Promise<PostgresSnapshotStore> {
    const pool = createPool(url, options)
    try {
      await ensureSnapshotSchema(pool)
    } catch (error) {
      await pool.end()
      throw error
    }
    return new PostgresSnapshotStore(pool, true)
  }

  private constructor(
    private readonly pool: Pool,
    private readonly ownsPool: boolean,
  ) {}

  async save(snapshot: Snapshot): Promise<void> {
    this.assertOpen()
    const { state } = snapshot
    await this.pool.query(
      `INSERT INTO rembuk_snapshots (key, revision, state) VALUES ($1, $2, $3)
       ON CONFLICT (key, revision) DO UPDATE SET state = excluded.state, created = now()`,
      [snapshot.key, snapshot.revision, Buffer.from(state.buffer, state.byteOffset, state.byteLength)],
    )
  }

  async latest(key: string, atOrBefore?: bigint): Promise<Snapshot | undefined> {
    this.assertOpen()
    const { rows } = await this.pool.query<{ revision: string; state: Buffer }>(
      `SELECT revision, state FROM rembuk_snapshots WHERE key = $1 AND revision <= $2
       ORDER BY revision DESC LIMIT 1`,
      [key, atOrBefore ?? newest],
    )
    const [row] = rows
    if (!row) return undefined
    const { state } = row
    return {
      key,
      revision: BigInt(row.revision),
      state: new Uint8Array(state.buffer, state.byteOffset, state.byteLength),
    }
  }

  async drop(key: string, after?: bigint): Promise<number> {
    this.assertOpen()
    const { rowCount } = await this.pool.query(
      'DELETE FROM rembuk_snapshots WHERE key = $1 AND revision > $2',
      [key, after ?? -1n],
    )
    return rowCount ?? 0
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    if (this.ownsPool) await this.pool.end()
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosedError()
  }
}
