import { join } from 'node:path'
import { docIdSchema } from '@rembuk/domain'
import { SqliteEventStore, SqliteSnapshotStore } from '@rembuk/event-store'
import { configFromEnvironment } from '../config/app-config.js'
import { findDocIds, rebuildSnapshots } from '../documents/rebuild-snapshots.js'

const usage = 'usage: rebuild-snapshots [docId ...]   (all documents when none is named)'

const config = configFromEnvironment(process.env)
if (config.eventStore !== 'sqlite') throw new Error('rebuild-snapshots works on the embedded SQLite store')
const named = process.argv.slice(2)
for (const docId of named) {
  if (!docIdSchema.safeParse(docId).success) {
    console.error(`"${docId}" is not a document id\n${usage}`)
    process.exit(2)
  }
}
const file = join(config.dataDir, 'rembuk.db')
const events = SqliteEventStore.open(file)
const snapshots = SqliteSnapshotStore.open(file)
try {
  const docIds = named.length > 0 ? named : await findDocIds(events)
  for (const docId of docIds) {
    const result = await rebuildSnapshots(events, snapshots, docId, config.snapshotEvery)
    console.log(JSON.stringify(result))
  }
} finally {
  await snapshots.close()
  await events.close()
}
