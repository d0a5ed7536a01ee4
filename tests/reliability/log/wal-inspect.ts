import { watch } from 'node:fs'
import { basename, dirname } from 'node:path'
import Database from 'better-sqlite3'
import type { ServerProcess } from '../../support/server-process.js'
import { leafRowids, uncommittedFrames } from './wal-frames.js'

/** A transaction the kill cut short: frames in the WAL after its last commit frame, which recovery drops. */
export interface CutTransaction {
  /** Its whole frames. */
  frames: number
  /** Whether the kill landed inside a frame: its header written, its page not. */
  torn: boolean
  /** Tables and indexes whose pages it had written ('new page': a page the database does not hold yet). */
  tables: string[]
  /** Rows of `events` it was adding, read from its uncommitted leaf pages of `events` and its indexes. */
  newEvents: number
  /**
   * Whether it had written pages of `events` (an append: the table, its indexes, or the sequence its
   * AUTOINCREMENT keeps) or of `snapshots` (a snapshot being saved).
   */
  appending: boolean
  snapshotting: boolean
}

/**
 * Kills the server with SIGKILL at the `writes`-th change to the store's WAL the system reports (an append, a
 * snapshot, a projection's checkpoint: each frame is a change), or after `timeoutMs` if there are not that
 * many. Answers whether a write set it off.
 */
export function killOnWrite(
  server: ServerProcess,
  dbFile: string,
  writes: number,
  timeoutMs: number,
): Promise<boolean> {
  const wal = `${basename(dbFile)}-wal`
  let seen = 0
  return new Promise((resolve) => {
    let killed = false
    const finish = (onWrite: boolean) => {
      if (killed) return
      killed = true
      clearTimeout(timer)
      watcher.close()
      void server.kill().then(() => resolve(onWrite))
    }
    const watcher = watch(dirname(dbFile), (_event, file) => {
      if (file === wal && ++seen >= writes) finish(true)
    })
    const timer = setTimeout(() => finish(false), timeoutMs)
  })
}

/** Reads the WAL of a store whose writer died; undefined when every frame in it belongs to a commit. */
export function cutTransaction(dbFile: string): CutTransaction | undefined {
  const cut = uncommittedFrames(`${dbFile}-wal`)
  if (!cut) return undefined
  const db = new Database(dbFile, { readonly: true, fileMustExist: true })
  try {
    const owners = new Map(
      (db.prepare('SELECT pageno, name FROM dbstat').all() as { pageno: number; name: string }[]).map(
        ({ pageno, name }) => [pageno, name],
      ),
    )
    const stored = (db.prepare('SELECT MAX(position) FROM events').pluck().get() as number | null) ?? 0
    const ownerOf = (page: number) => owners.get(page) ?? 'new page'
    const tables = new Set(cut.frames.map(({ page }) => ownerOf(page)))
    if (cut.tornPage !== undefined) tables.add(ownerOf(cut.tornPage))
    const newEvents = new Set<number>()
    for (const { page, data } of cut.frames) {
      if (!ownerOf(page).includes('events')) continue
      for (const rowid of leafRowids(data, page === 1 ? 100 : 0)) if (rowid > stored) newEvents.add(rowid)
    }
    const names = [...tables].sort()
    return {
      frames: cut.frames.length,
      torn: cut.tornPage !== undefined,
      tables: names,
      newEvents: newEvents.size,
      appending: names.some((name) => name.includes('events') || name === 'sqlite_sequence'),
      snapshotting: names.some((name) => name.includes('snapshots')),
    }
  } finally {
    db.close()
  }
}
