import { Global, Module } from '@nestjs/common'
import { NestFactory } from '@nestjs/core'
import type { EventStore, SnapshotStore } from '@rembuk/event-store'
import { AppConfig, type AppConfigValues } from '../../config/app-config.js'
import { EVENT_STORE, SNAPSHOT_STORE, StoreModule } from '../store.module.js'

@Global()
@Module({})
class TransferConfigModule {}

/** The event and snapshot stores the server would open with this configuration. */
export async function openConfiguredStores(
  config: AppConfigValues,
): Promise<{ events: EventStore; snapshots: SnapshotStore; close(): Promise<void> }> {
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
    close: () => context.close(),
  }
}
