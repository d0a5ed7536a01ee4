import { join } from 'node:path'
import { SqliteEventStore } from '@rembuk/event-store'
import Database from 'better-sqlite3'
import { configFromEnvironment } from '../config/app-config.js'
import { dashboardProjection } from '../dashboard/dashboard-projection.js'
import { notificationsProjection } from '../notifications/notifications-projection.js'
import { readModelFile } from '../projections/read-models.js'
import { SqliteProjection } from '../projections/sqlite-projection.js'

/** Drops every read model and builds it again from the whole log. Run it while the server is stopped. */
const config = configFromEnvironment(process.env)
if (config.eventStore !== 'sqlite') throw new Error('rebuild-projections works on the embedded SQLite store')
const store = SqliteEventStore.open(join(config.dataDir, 'rembuk.db'))
const db = new Database(readModelFile(config.dataDir, config.replicaId))
try {
  for (const definition of [dashboardProjection, notificationsProjection]) {
    const projection = new SqliteProjection(db, store, definition)
    projection.reset()
    const started = performance.now()
    await projection.start()
    await projection.stop()
    console.log(
      JSON.stringify({
        projection: definition.name,
        position: Number(projection.checkpoint),
        ms: Math.round(performance.now() - started),
      }),
    )
  }
} finally {
  db.close()
  await store.close()
}
