import { Global, Module } from '@nestjs/common'
import { NestFactory } from '@nestjs/core'
import type { EventStore, SnapshotStore } from '@rembuk/event-store'
import type { Pool } from 'pg'
import { AppConfig, type AppConfigValues } from '../../config/app-config.js'
import { EVENT_STORE, POSTGRES_POOL, SNAPSHOT_STORE, StoreModule } from '../store.module.js'

@Global()
@Module({})
class TransferConfigModule {}

/** The event and snapshot stores the server would open with this configuration, and the PostgreSQL pool if any. */
export async function openConfiguredStores(config: AppConfigValues): Promise<{
  events: EventStore
  snapshots: SnapshotStore
  pool: Pool | null
  close(): Promise<void>
}> {
  const context = await NestFactory.createApplicationContext(
    {
      module: TransferConfigModule,
      providers: [{ provide: AppConfig, useValue: config }],
      exports: [AppConfig],
      imports: [StoreModule],
    },
    { logger: false, abortOnError: false },
  )
  return {
    events: context.get<EventStore>(EVENT_STORE),
    snapshots: context.get<SnapshotStore>(SNAPSHOT_STORE),
    pool: context.get<Pool | null>(POSTGRES_POOL),
    close: () => context.close(),
  }
}
