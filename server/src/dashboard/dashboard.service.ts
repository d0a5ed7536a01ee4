import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common'
import type { EventStore } from '@rembuk/event-store'
import Database from 'better-sqlite3'
import { AppConfig } from '../config/app-config.js'
import { SqliteProjection } from '../projections/sqlite-projection.js'
import { EVENT_STORE } from '../store/store.module.js'
import { type Dashboard, dashboardProjection, readDashboard } from './dashboard-projection.js'

/** The file of the read models: derived from the log, safe to delete (the server rebuilds it). */
export const readModelFile = (dataDir: string) => join(dataDir, 'read-models.db')

@Injectable()
export class DashboardService implements OnModuleInit, OnModuleDestroy {
  private readonly db: Database.Database
  private readonly projection: SqliteProjection

  constructor(config: AppConfig, @Inject(EVENT_STORE) store: EventStore) {
    mkdirSync(config.dataDir, { recursive: true })
    this.db = new Database(readModelFile(config.dataDir))
    this.db.pragma('journal_mode = WAL')
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
