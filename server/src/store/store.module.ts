import { join } from 'node:path'
import { Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common'
import {
  type EventStore,
  type SnapshotStore,
  SqliteEventStore,
  SqliteSnapshotStore,
} from '@rembuk/event-store'
import { AppConfig } from '../config/app-config.js'

export const EVENT_STORE = Symbol('EventStore')
export const SNAPSHOT_STORE = Symbol('SnapshotStore')

function openEventStore(config: AppConfig): EventStore {
  if (config.eventStore === 'kurrentdb') {
    throw new Error(
      'REMBUK_EVENT_STORE=kurrentdb: this version ships only the embedded SQLite store; unset it to use SQLite',
    )
  }
  return SqliteEventStore.open(join(config.dataDir, 'rembuk.db'))
}

@Global()
@Module({
  providers: [
    { provide: EVENT_STORE, useFactory: openEventStore, inject: [AppConfig] },
    {
      provide: SNAPSHOT_STORE,
      useFactory: (config: AppConfig): SnapshotStore =>
        SqliteSnapshotStore.open(join(config.dataDir, 'rembuk.db')),
      inject: [AppConfig],
    },
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
