import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { schema, schemaVersion } from './schema.js'

/**
 * Opens (and creates) a SQLite file of the store: WAL so readers never block the writer, synchronous=NORMAL so a
 * commit does not wait for the disk on the event loop (the event log makes its appends durable with `WalSync`
 * before acknowledging them; snapshots are derived and can be rebuilt), a busy timeout so several processes
 * can share one file.
 */
export function openDatabase(file: string): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file)
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    db.pragma('busy_timeout = 5000')
    db.pragma('foreign_keys = ON')
    const found = db.pragma('user_version', { simple: true }) as number
    if (found > schemaVersion) {
      throw new Error(
        `${file} was written by a newer Rembuk (schema ${found}; this one knows ${schemaVersion})`,
      )
    }
    db.exec(schema)
    db.pragma(`user_version = ${schemaVersion}`)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}
