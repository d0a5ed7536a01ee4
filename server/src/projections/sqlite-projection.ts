import type { EventFilter, EventStore, RecordedEvent, Subscription } from '@rembuk/event-store'
import type Database from 'better-sqlite3'
import { followLog, type LogFollower } from './log-followers.js'

export interface ProjectionDefinition {
  name: string
  filter: EventFilter
  /** Creates the projection's tables (idempotent). */
  schema: string
  /** Drops the projection's tables, for a rebuild. */
  tables: readonly string[]
  /** Applies one event; runs inside the transaction that also moves the checkpoint. */
  apply(db: Database.Database, event: RecordedEvent): void
}

const checkpoints = `CREATE TABLE IF NOT EXISTS projection_checkpoints (
  name TEXT PRIMARY KEY,
  position INTEGER NOT NULL
)`

/**
 * A read model in SQLite tables, fed by a catch-up subscription. Each event and the new checkpoint are
 * written in one transaction, so after a crash the projection resumes exactly after the last event it stored.
 */
export class SqliteProjection implements LogFollower {
  private subscription: Subscription | undefined
  private running: Promise<void> | undefined
  private unfollow: (() => void) | undefined
  private waiters: { position: bigint; resolve: () => void }[] = []
  private readonly applyWithCheckpoint: (event: RecordedEvent) => void
  /** The checkpoint, or further when nothing the projection follows came since. */
  private positionValue: bigint

  constructor(
    private readonly db: Database.Database,
    private readonly store: EventStore,
    private readonly definition: ProjectionDefinition,
  ) {
    db.exec(checkpoints)
    db.exec(definition.schema)
    const save = db.prepare(
      'INSERT INTO projection_checkpoints (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position',
    )
    this.applyWithCheckpoint = db.transaction((event: RecordedEvent) => {
      definition.apply(db, event)
      save.run(definition.name, event.position)
    })
    this.positionValue = this.checkpoint
  }

  get filter(): EventFilter {
    return this.definition.filter
  }

  get position(): bigint {
    return this.positionValue
  }

  get checkpoint(): bigint {
    const row = this.db
      .prepare<[string], { position: number }>('SELECT position FROM projection_checkpoints WHERE name = ?')
      .get(this.definition.name)
    return BigInt(row?.position ?? 0)
  }

  /** Follows the log from the checkpoint; resolves once caught up with everything stored before. */
  async start(): Promise<void> {
    this.positionValue = this.checkpoint
    const subscription = this.store.subscribe({
      afterPosition: this.positionValue,
      filter: this.definition.filter,
    })
    this.subscription = subscription
    this.running = (async () => {
      for await (const event of subscription) this.offer(event)
    })()
    await subscription.caughtUp
    this.unfollow = followLog(this.store, this)
  }

  async stop(): Promise<void> {
    this.unfollow?.()
    await this.subscription?.close()
    await this.running
  }

  /** Resolves once the projection has applied the event at `position`, which must be one it follows. */
  waitFor(position: bigint): Promise<void> {
    if (this.positionValue >= position) return Promise.resolve()
    return new Promise((resolve) => this.waiters.push({ position, resolve }))
  }

  offer(event: RecordedEvent): void {
    if (event.position <= this.positionValue) return
    this.applyWithCheckpoint(event)
    this.reached(event.position)
  }

  reached(position: bigint): void {
    if (position <= this.positionValue) return
    this.positionValue = position
    const ready = this.waiters.filter((w) => w.position <= position)
    this.waiters = this.waiters.filter((w) => w.position > position)
    for (const waiter of ready) waiter.resolve()
  }

  /** Drops the tables and the checkpoint, so that the next start replays the whole log. */
  reset(): void {
    for (const table of this.definition.tables) this.db.exec(`DROP TABLE IF EXISTS ${table}`)
    this.db.prepare('DELETE FROM projection_checkpoints WHERE name = ?').run(this.definition.name)
    this.db.exec(this.definition.schema)
    this.positionValue = 0n
  }
}
