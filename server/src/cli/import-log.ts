import { createReadStream, existsSync } from 'node:fs'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import Database from 'better-sqlite3'
import { openCredentialStore } from '../accounts/open-credential-store.js'
import { configFromEnvironment } from '../config/app-config.js'
import {
  type ImportSinks,
  importLog,
  openConfiguredStores,
  verifyExport,
} from '../store/log-transfer/index.js'

const usage =
  'usage: import-log <export file>   (into the store REMBUK_EVENT_STORE selects; the password hashes and ' +
  'snapshots into its database on PostgreSQL, else into REMBUK_DATA_DIR; stop the servers first)'

/** The port records every append as made now; in an embedded store file the export's times are put back. */
function keepCreatedIn(file: string): { keep: NonNullable<ImportSinks['keepCreated']>; close(): void } {
  const db = new Database(file, { fileMustExist: true })
  const update = db.prepare('UPDATE events SET created = ? WHERE id = ?')
  const keep = db.transaction((events: readonly { id: string; created: Date }[]) => {
    for (const event of events) update.run(event.created.getTime(), event.id)
  })
  return { keep: (events) => keep(events), close: () => db.close() }
}

const [source, ...rest] = process.argv.slice(2)
if (!source || rest.length > 0) {
  console.error(usage)
  process.exit(2)
}
if (!existsSync(source)) throw new Error(`${source} does not exist`)
const config = configFromEnvironment(process.env)
const lines = () => createInterface({ input: createReadStream(source), crlfDelay: Number.POSITIVE_INFINITY })
const started = performance.now()
await verifyExport(lines())
const stores = await openConfiguredStores(config)
const accounts = await openCredentialStore(config.dataDir, stores.pool)
const created = stores.events.kind === 'sqlite' ? keepCreatedIn(join(config.dataDir, 'rembuk.db')) : undefined
try {
  const summary = await importLog(stores.events, lines(), {
    accounts,
    snapshots: stores.snapshots,
    ...(created ? { keepCreated: created.keep } : {}),
  })
  console.log(
    JSON.stringify({
      import: source,
      into: stores.events.kind,
      ...summary,
      createdKept: created !== undefined,
      ms: Math.round(performance.now() - started),
    }),
  )
} finally {
  created?.close()
  await accounts.close()
  await stores.close()
}
