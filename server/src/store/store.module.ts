import { join } from 'node:path'
import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common'
import {
  type EventStore,
  type SnapshotStore,
  SqliteEventStore,
  SqliteSnapshotStore,
} from '@rembuk/event-store'
import type { PostgresEventStore } from '@rembuk/event-store/postgres'
import type { Pool } from 'pg'
import { AppConfig } from '../config/app-config.js'

export const EVENT_STORE = Symbol('EventStore')
export const SNAPSHOT_STORE = Symbol('SnapshotStore')
/**
 * The PostgreSQL event store's `pg.Pool` (null on other stores), for anything server-side that keeps tables in
 * the same database. It is ended in `onApplicationShutdown`: users must be done with it by
 * `beforeApplicationShutdown`.
 */
export const POSTGRES_POOL = Symbol('PostgresPool')

async function openEventStore(config: AppConfig): Promise<EventStore> {
  if (config.eventStore === 'sqlite') return SqliteEventStore.open(join(config.dataDir, 'rembuk.db'))
  if (config.eventStore === 'postgres') return openPostgresEventStore(config)
  const connectionString = config.kurrentDbConnectionString
  if (!connectionString) {
    throw new Error(
      'REMBUK_EVENT_STORE=kurrentdb needs KURRENTDB_CONNECTION_STRING (e.g. kurrentdb://localhost:2113?tls=false)',
    )
  }
  const logger = new Logger('KurrentDbEventStore')
  // Loaded only here: the client and its native bridge are not needed on the embedded store.
  const { KurrentDbEventStore } = await import('@rembuk/event-store/kurrentdb')
  try {
    return await KurrentDbEventStore.connect(connectionString, {
      onReconnect: (error, attempt) =>
        logger.warn(
          `Subscription lost its connection (${String(error)}); subscribing again, attempt ${attempt}`,
        ),
    })
  } catch (error) {
    throw new Error(`REMBUK_EVENT_STORE=kurrentdb: ${(error as Error).message}`)
  }
}

async function openPostgresEventStore(config: AppConfig): Promise<EventStore> {
  const url = config.postgresUrl
  if (!url) {
    throw new Error(
      'REMBUK_EVENT_STORE=postgres needs REMBUK_POSTGRES_URL (e.g. postgres://db.example/rembuk)',
    )
  }
  const logger = new Logger('PostgresEventStore')
  // Loaded only here: the embedded store never needs the PostgreSQL client.
  const { PostgresEventStore } = await import('@rembuk/event-store/postgres')
  try {
    return await PostgresEventStore.connect(url, {
      onError: (error) => logger.warn(`Getting over a PostgreSQL fault: ${String(error)}`),
    })
  } catch (error) {
    throw new Error(`REMBUK_EVENT_STORE=postgres: ${(error as Error).message}`)
  }
}

function postgresPoolOf(events: EventStore): Pool | null {
  return events.kind === 'postgres' ? (events as PostgresEventStore).pool : null
}

/**
 * On PostgreSQL the snapshots are a table of the same database, on the event store's pool.
 *
 * On KurrentDB the snapshots stay in a local SQLite file, one per replica like the read models: they are
 * derived caches (whole Yjs states, rewritten often, dropped by revision) that any replica can rebuild, and
 * in the replicated log every subscriber of `$all` would have to carry them.
 */
async function openSnapshotStore(config: AppConfig, events: EventStore): Promise<SnapshotStore> {
  if (config.eventStore === 'sqlite') return SqliteSnapshotStore.open(join(config.dataDir, 'rembuk.db'))
  const pool = postgresPoolOf(events)
  if (pool) {
    const { PostgresSnapshotStore } = await import('@rembuk/event-store/postgres')
    return PostgresSnapshotStore.open(pool)
  }
  const file = config.replicaId ? `snapshots-${config.replicaId}.db` : 'snapshots.db'
  return SqliteSnapshotStore.open(join(config.dataDir, file))
}

@Global()
@Module({
  providers: [
    { provide: EVENT_STORE, useFactory: openEventStore, inject: [AppConfig] },
    { provide: SNAPSHOT_STORE, useFactory: openSnapshotStore, inject: [AppConfig, EVENT_STORE] },
    { provide: POSTGRES_POOL, useFactory: postgresPoolOf, inject: [EVENT_STORE] },
  ],
  exports: [EVENT_STORE, SNAPSHOT_STORE, POSTGRES_POOL],
})
export class StoreModule implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(SNAPSHOT_STORE) private readonly snapshots: SnapshotStore,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    await this.snapshots.close()
    await this.events.close()
  }
}
