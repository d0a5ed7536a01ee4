import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common'
import type { NotificationView } from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import type Database from 'better-sqlite3'
import { AppConfig } from '../config/app-config.js'
import { openReadModels } from '../projections/read-models.js'
import { SqliteProjection } from '../projections/sqlite-projection.js'
import { EVENT_STORE } from '../store/store.module.js'
import { notificationsProjection, readNotifications } from './notifications-projection.js'

@Injectable()
export class NotificationsService implements OnModuleInit, OnModuleDestroy {
  private readonly db: Database.Database
  private readonly projection: SqliteProjection

  constructor(config: AppConfig, @Inject(EVENT_STORE) store: EventStore) {
    this.db = openReadModels(config.dataDir, config.replicaId)
    this.projection = new SqliteProjection(this.db, store, notificationsProjection)
  }

  onModuleInit(): Promise<void> {
    return this.projection.start()
  }

  async onModuleDestroy(): Promise<void> {
    await this.projection.stop()
    this.db.close()
  }

  /** A member's newest notifications, newest first. */
  of(memberId: string): NotificationView[] {
    return readNotifications(this.db, memberId)
  }
}
