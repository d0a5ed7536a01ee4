import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common'
import type { EventStore } from '@rembuk/event-store'
import type Database from 'better-sqlite3'
import { AppConfig } from '../config/app-config.js'
import { openReadModels } from '../projections/read-models.js'
import { SqliteProjection } from '../projections/sqlite-projection.js'
import { EVENT_STORE } from '../store/store.module.js'
import { type Dashboard, dashboardProjection, readDashboard } from './dashboard-projection.js'

@Injectable()
export class DashboardService implements OnModuleInit, OnModuleDestroy {
  private readonly db: Database.Database
  private readonly projection: SqliteProjection

  constructor(config: AppConfig, @Inject(EVENT_STORE) store: EventStore) {
    this.db = openReadModels(config.dataDir, config.replicaId)
    this.projection = new SqliteProjection(this.db, store, dashboardProjection)
  }

  onModuleInit(): Promise<void> {
    return this.projection.start()
  }

  async onModuleDestroy(): Promise<void> {
    await this.projection.stop()
    this.db.close()
  }

  dashboard(schoolId: string): Dashboard {
    return readDashboard(this.db, schoolId)
  }
}
