import type Database from 'better-sqlite3'
import { StoreClosedError } from '../errors.js'
import type { Snapshot, SnapshotStore } from '../snapshot-store.js'
import { openDatabase } from './open-database.js'

interface SnapshotRow {
  key: string
  revision: number
  state: Buffer
}

const newest = Number.MAX_SAFE_INTEGER

export class SqliteSnapshotStore implements SnapshotStore {
  private readonly statements
  private closed = false

  static open(file: string): SqliteSnapshotStore {
    return new SqliteSnapshotStore(openDatabase(file))
  }

  private constructor(private readonly db: Database.Database) {
    this.statements = {
      save: db.prepare(
        'INSERT OR REPLACE INTO snapshots (key, revision, state, created) VALUES (?, ?, ?, ?)',
      ),
      latest: db.prepare<[string, number], SnapshotRow>(
        'SELECT key, revision, state FROM snapshots WHERE key = ? AND revision <= ? ORDER BY revision DESC LIMIT 1',
      ),
      drop: db.prepare<[string, number]>('DELETE FROM snapshots WHERE key = ? AND revision > ?'),
    }
  }

  async save(snapshot: Snapshot): Promise<void> {
    this.assertOpen()
    const { state } = snapshot
    this.statements.save.run(
      snapshot.key,
      snapshot.revision,
      Buffer.from(state.buffer, state.byteOffset, state.byteLength),
      Date.now(),
    )
  }

  async latest(key: string, atOrBefore?: bigint): Promise<Snapshot | undefined> {
    this.assertOpen()
    const row = this.statements.latest.get(key, atOrBefore === undefined ? newest : Number(atOrBefore))
    if (!row) return undefined
    return {
      key: row.key,
      revision: BigInt(row.revision),
      state: new Uint8Array(row.state.buffer, row.state.byteOffset, row.state.byteLength),
    }
  }

  async drop(key: string, after?: bigint): Promise<number> {
    this.assertOpen()
    return this.statements.drop.run(key, after === undefined ? -1 : Number(after)).changes
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    this.db.close()
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosedError()
  }
}
