import { createHash } from 'node:crypto'
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'

/** What a backup holds, written beside it as `backup.json` and checked again before it is restored. */
export interface BackupManifest {
  createdAt: string
  /** The position of the newest event in the copy. */
  headPosition: number
  events: number
  bytes: number
  sha256: string
  tokenSecret: boolean
}

const storeFile = 'rembuk.db'
const secretFile = 'token-secret'
const manifestFile = 'backup.json'
/** What the server keeps in its data directory; all of it is set aside, never deleted, by a restore. */
const dataFiles = [
  storeFile,
  `${storeFile}-wal`,
  `${storeFile}-shm`,
  'read-models.db',
  'read-models.db-wal',
].concat(['read-models.db-shm', secretFile])

/**
 * Copies the embedded store into an empty directory with SQLite's online backup, which reads a consistent
 * state while the server goes on writing, then checks the copy.
 */
export async function backupStore(dataDir: string, targetDir: string): Promise<BackupManifest> {
  if (existsSync(targetDir) && readdirSync(targetDir).length > 0) {
    throw new Error(`${targetDir} is not empty: a backup never overwrites anything`)
  }
  mkdirSync(targetDir, { recursive: true })
  const source = new Database(join(dataDir, storeFile), { readonly: true, fileMustExist: true })
  try {
    await source.backup(join(targetDir, storeFile))
  } finally {
    source.close()
  }
  const tokenSecret = existsSync(join(dataDir, secretFile))
  if (tokenSecret) copyFileSync(join(dataDir, secretFile), join(targetDir, secretFile))
  const manifest = {
    createdAt: new Date().toISOString(),
    ...describe(join(targetDir, storeFile)),
    tokenSecret,
  }
  writeFileSync(join(targetDir, manifestFile), `${JSON.stringify(manifest, null, 2)}\n`)
  return manifest
}

/**
 * Puts a backup in place as the store of `dataDir` (the server must be stopped). What was there is moved to
 * `before-restore-<time>/` in the same directory; the read models are rebuilt from the restored log at start.
 */
export function restoreStore(
  backupDir: string,
  dataDir: string,
): { manifest: BackupManifest; setAside?: string } {
  const manifest = JSON.parse(readFileSync(join(backupDir, manifestFile), 'utf8')) as BackupManifest
  const found = describe(join(backupDir, storeFile))
  if (found.sha256 !== manifest.sha256 || found.headPosition !== manifest.headPosition) {
    throw new Error(`${backupDir} does not match its ${manifestFile}: it was changed or damaged`)
  }
  mkdirSync(dataDir, { recursive: true })
  const present = dataFiles.filter((file) => existsSync(join(dataDir, file)))
  let setAside: string | undefined
  if (present.length > 0) {
    setAside = join(dataDir, `before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`)
    mkdirSync(setAside)
    for (const file of present) renameSync(join(dataDir, file), join(setAside, file))
  }
  copyFileSync(join(backupDir, storeFile), join(dataDir, storeFile))
  if (manifest.tokenSecret) copyFileSync(join(backupDir, secretFile), join(dataDir, secretFile))
  return { manifest, ...(setAside ? { setAside } : {}) }
}

function describe(file: string): Omit<BackupManifest, 'createdAt' | 'tokenSecret'> {
  const db = new Database(file, { readonly: true, fileMustExist: true })
  try {
    const integrity = db.pragma('integrity_check', { simple: true })
    if (integrity !== 'ok') throw new Error(`${file} fails SQLite's integrity check: ${String(integrity)}`)
    const { events, head } = db
      .prepare('SELECT count(*) AS events, max(position) AS head FROM events')
      .get() as {
      events: number
      head: number | null
    }
    const bytes = readFileSync(file)
    return {
      headPosition: head ?? 0,
      events,
      bytes: bytes.byteLength,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    }
  } finally {
    db.close()
  }
}
