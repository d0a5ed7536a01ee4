import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'

/** The file of the read models: derived from the log, safe to delete (the server rebuilds it). */
export const readModelFile = (dataDir: string) => join(dataDir, 'read-models.db')

export function openReadModels(dataDir: string): Database.Database {
  mkdirSync(dataDir, { recursive: true })
  const db = new Database(readModelFile(dataDir))
  db.pragma('journal_mode = WAL')
  return db
}
