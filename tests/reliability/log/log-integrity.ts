import { docStreamPrefix } from '@rembuk/domain'
import Database from 'better-sqlite3'
import { type ReplayedDoc, replayDoc, type StoredDocEvent } from './doc-replay.js'

export type { ReplayedDoc } from './doc-replay.js'

export interface LogIntegrity {
  ok: boolean
  problems: string[]
  events: number
  snapshots: number
  /** Appends (transactions) that stored the events of document streams. */
  appends: number
  /**
   * Appends to document streams that stored several events at once: runs of events of one stream at
   * consecutive positions with one `created` time (an append is one transaction and stamps its events with
   * one time). Two appends to one stream within one millisecond would count as one; the server's timed
   * flushes of a document are REMBUK_FLUSH_MS apart.
   */
  multiEventAppends: number
  /** Each document (stream `doc-<docId>`) as its events replay, by docId. */
  documents: Record<string, ReplayedDoc>
}

interface EventRow extends StoredDocEvent {
  stream_id: string
  created: number
}

/**
 * Checks an event store's SQLite file, opened read-only, and lists what is wrong instead of throwing: the
 * file's own integrity, the order and numbering of every stream, unique event ids, and each document's
 * replay (see `replayDoc`) against its snapshots.
 */
export function checkLogIntegrity(dbFile: string): LogIntegrity {
  const result: LogIntegrity = {
    ok: false,
    problems: [],
    events: 0,
    snapshots: 0,
    appends: 0,
    multiEventAppends: 0,
    documents: {},
  }
  let db: Database.Database
  try {
    db = new Database(dbFile, { readonly: true, fileMustExist: true })
  } catch (error) {
    result.problems.push(`${dbFile} does not open: ${(error as Error).message}`)
    return result
  }
  try {
    db.transaction(() => inspect(db, result))()
  } catch (error) {
    result.problems.push(`reading ${dbFile} failed: ${(error as Error).message}`)
  } finally {
    db.close()
  }
  result.ok = result.problems.length === 0
  return result
}

function inspect(db: Database.Database, result: LogIntegrity): void {
  const { problems } = result
  const integrity = db.pragma('integrity_check') as { integrity_check: string }[]
  for (const { integrity_check: line } of integrity)
    if (line !== 'ok') problems.push(`integrity_check: ${line}`)

  const sequence = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'events'").pluck().get() as
    | number
    | undefined
  const positions = db.prepare('SELECT position FROM events ORDER BY position').pluck().all() as number[]
  for (const [i, position] of positions.entries()) {
    const previous = positions[i - 1] ?? 0
    if (position <= previous) problems.push(`position ${position} follows position ${previous}`)
    if (position > (sequence ?? 0)) problems.push(`position ${position} is past the log's sequence`)
  }
  result.events = positions.length

  const duplicateIds = db.prepare('SELECT id, COUNT(*) AS n FROM events GROUP BY id HAVING n > 1').all() as {
    id: string
    n: number
  }[]
  for (const { id, n } of duplicateIds) problems.push(`event id ${id} is stored ${n} times`)

  const streams = db.prepare('SELECT DISTINCT stream_id FROM events').pluck().all() as string[]
  const readStream = db.prepare(
    'SELECT position, stream_id, revision, type, payload, created FROM events WHERE stream_id = ? ORDER BY position',
  )
  const snapshotState = db.prepare('SELECT state FROM snapshots WHERE key = ? AND revision = ?').pluck()
  for (const stream of streams) {
    const rows = readStream.all(stream) as EventRow[]
    checkRevisions(stream, rows, problems)
    if (!stream.startsWith(docStreamPrefix)) continue
    const { appends, multiEvent } = countAppends(rows)
    result.appends += appends
    result.multiEventAppends += multiEvent
    const docId = stream.slice(docStreamPrefix.length)
    const snapshotAt = (revision: number) => snapshotState.get(docId, revision) as Buffer | undefined
    result.documents[docId] = replayDoc(docId, rows, snapshotAt, problems)
  }

  const snapshots = db.prepare('SELECT key, revision FROM snapshots').all() as {
    key: string
    revision: number
  }[]
  result.snapshots = snapshots.length
  const heads = new Map(
    (
      db.prepare('SELECT stream_id, MAX(revision) AS head FROM events GROUP BY stream_id').all() as {
        stream_id: string
        head: number
      }[]
    ).map((row) => [row.stream_id, row.head]),
  )
  for (const { key, revision } of snapshots) {
    const head = heads.get(`${docStreamPrefix}${key}`)
    if (head === undefined || revision > head) {
      problems.push(`snapshot ${key}@${revision} is past its stream's last revision (${head ?? 'no events'})`)
    }
  }
}

/** Revisions must run 0, 1, 2, … in the order the events were appended. */
function checkRevisions(stream: string, rows: readonly EventRow[], problems: string[]): void {
  let previous = -1
  for (const row of rows) {
    if (row.revision === previous + 1) {
      previous = row.revision
      continue
    }
    if (row.revision > previous + 1) {
      const missing =
        previous + 2 === row.revision ? `${previous + 1}` : `${previous + 1}..${row.revision - 1}`
      problems.push(`${stream}: gap: revision ${missing} missing before position ${row.position}`)
    } else {
      problems.push(`${stream}: revision ${row.revision} at position ${row.position} repeats or goes back`)
    }
    previous = Math.max(previous, row.revision)
  }
}

/** How many appends stored these events of one stream, and how many of those stored more than one. */
function countAppends(rows: readonly EventRow[]): { appends: number; multiEvent: number } {
  let appends = 0
  let multiEvent = 0
  let runLength = 0
  for (const [i, row] of rows.entries()) {
    const before = rows[i - 1]
    const sameAppend = before && row.position === before.position + 1 && row.created === before.created
    runLength = sameAppend ? runLength + 1 : 1
    if (runLength === 1) appends += 1
    if (runLength === 2) multiEvent += 1
  }
  return { appends, multiEvent }
}
