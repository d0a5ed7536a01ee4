import { join } from 'node:path'
import { Global, Inject, Logger, Module, type OnApplicationShutdown } from '@nestjs/common'
import {
  type EventStore,
  type SnapshotStore,
  SqliteEventStore,
  SqliteSnapshotStore,
} from '@rembuk/event-store'
import { AppConfig } from '../config/app-config.js'

export const EVENT_STORE = Symbol('EventStore')
export const SNAPSHOT_STORE = Symbol('SnapshotStore')

async function openEventStore(config: AppConfig): Promise<EventStore> {
  if (config.eventStore === 'sqlite') return SqliteEventStore.open(join(config.dataDir, 'rembuk.db'))
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

/**
 * On KurrentDB the snapshots stay in a local SQLite file, one per replica like the read models: they are
 * derived caches (whole Yjs states, rewritten often, dropped by revision) that any replica can rebuild, and
 * in the replicated log every subscriber of `$all` would have to carry them.
 */
function openSnapshotStore(config: AppConfig): SnapshotStore {
  if (config.eventStore === 'sqlite') return SqliteSnapshotStore.open(join(config.dataDir, 'rembuk.db'))
  const file = config.replicaId ? `snapshots-${config.replicaId}.db` : 'snapshots.db'
  return SqliteSnapshotStore.open(join(config.dataDir, file))
}

@Global()
@Module({
  providers: [
    { provide: EVENT_STORE, useFactory: openEventStore, inject: [AppConfig] },
    { provide: SNAPSHOT_STORE, useFactory: openSnapshotStore, inject: [AppConfig] },
  ],
  exports: [EVENT_STORE, SNAPSHOT_STORE],
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
