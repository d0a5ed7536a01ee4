import { createWriteStream, existsSync, openSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import type { Snapshot } from '@rembuk/event-store'
import Database from 'better-sqlite3'
import { configFromEnvironment } from '../config/app-config.js'
import { exportLog, openConfiguredStores, type SideTables } from '../store/log-transfer/index.js'

const usage =
  'usage: export-log <new file>   (the log of the store REMBUK_EVENT_STORE selects, with the password hashes ' +
  'and snapshots of REMBUK_DATA_DIR; stop the server first)'

/** The tables the embedded store file keeps beside the log, as they are; a table the file lacks reads empty. */
function readSideTables(file: string): SideTables & { close(): void } {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  const has = (table: string) =>
    db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(table) !== undefined
  const credentials = has('credentials')
    ? db
        .prepare<[], { memberId: string; schoolId: string; email: string; passwordHash: string }>(
          `SELECT member_id AS memberId, school_id AS schoolId, email, password_hash AS passwordHash
           FROM credentials ORDER BY member_id`,
        )
        .all()
    : []
  const invitations = has('invitations')
    ? db
        .prepare<
          [],
          { codeHash: string; memberId: string; schoolId: string; email: string; expires: number }
        >(
          `SELECT code_hash AS codeHash, member_id AS memberId, school_id AS schoolId, email, expires
           FROM invitations ORDER BY member_id`,
        )
        .all()
        .map((row) => ({ ...row, expires: new Date(row.expires) }))
    : []
  function* readSnapshots(): Generator<Snapshot> {
    if (!has('snapshots')) return
    const rows = db
      .prepare<[], { key: string; revision: number; state: Buffer }>(
        'SELECT key, revision, state FROM snapshots ORDER BY key, revision',
      )
      .iterate()
    for (const row of rows) yield { key: row.key, revision: BigInt(row.revision), state: row.state }
  }
  const snapshots = readSnapshots()
  return {
    credentials,
    invitations,
    snapshots,
    close() {
      snapshots.return(undefined)
      db.close()
    },
  }
}

const [target, ...rest] = process.argv.slice(2)
if (!target || rest.length > 0) {
  console.error(usage)
  process.exit(2)
}
const config = configFromEnvironment(process.env)
const storeFile = join(config.dataDir, 'rembuk.db')
if (config.eventStore === 'sqlite' && !existsSync(storeFile)) {
  throw new Error(`${storeFile} does not exist: there is no log to export`)
}
if (existsSync(target)) throw new Error(`${target} exists: an export never overwrites anything`)
const started = performance.now()
const stores = await openConfiguredStores(config)
const side = existsSync(storeFile) ? readSideTables(storeFile) : undefined
let created = false
try {
  const out = createWriteStream(target, { fd: openSync(target, 'wx', 0o600) })
  created = true
  const summary = await exportLog(stores.events, out, side)
  console.log(
    JSON.stringify({
      export: target,
      from: stores.events.kind,
      ...summary,
      tokenSecret: existsSync(join(config.dataDir, 'token-secret')),
      ms: Math.round(performance.now() - started),
    }),
  )
} catch (error) {
  if (created) rmSync(target, { force: true })
  throw error
} finally {
  side?.close()
  await stores.close()
}
