import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import Database from 'better-sqlite3'
import { schema, schemaVersion } from './schema.js'

/**
 * Opens (and creates) the store's SQLite file: WAL so readers never block the writer, synchronous=FULL so an
 * acknowledged append survives a power cut, a busy timeout so several processes can share one file.
 */
export function openDatabase(file: string): Database.Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true })
  const db = new Database(file)
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = FULL')
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
