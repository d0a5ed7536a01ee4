import { join } from 'node:path'
import type { Pool } from 'pg'
import type { CredentialStore } from './credential-store.js'
import { PostgresCredentialStore } from './postgres-credential-store.js'
import { SqliteCredentialStore } from './sqlite-credential-store.js'

/** In the PostgreSQL database of the event store when there is one, else beside the log in `rembuk.db`. */
export function openCredentialStore(
  dataDir: string,
  pool: Pool | null,
): Promise<CredentialStore> | CredentialStore {
  return pool ? PostgresCredentialStore.open(pool) : new SqliteCredentialStore(join(dataDir, 'rembuk.db'))
}
