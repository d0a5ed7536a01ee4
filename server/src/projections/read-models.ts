import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'

/**
 * The file of the read models: derived from the log, safe to delete (the server rebuilds it). Replicas that
 * share a data directory each keep their own.
 */
export const readModelFile = (dataDir: string, replicaId?: string) =>
  join(dataDir, replicaId ? `read-models-${replicaId}.db` : 'read-models.db')

export function openReadModels(dataDir: string, replicaId?: string): Database.Database {
  mkdirSync(dataDir, { recursive: true })
  const db = new Database(readModelFile(dataDir, replicaId))
  db.pragma('journal_mode = WAL')
  return db
}
