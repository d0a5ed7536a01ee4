import { docStream } from '@rembuk/domain'
import Database from 'better-sqlite3'
import { checkLogIntegrity, type LogIntegrity } from '../log/log-integrity.js'
import { type CutTransaction, cutTransaction } from '../log/wal-inspect.js'

/**
 * Looks at the store each kill left behind, before the server starts again on it, and tallies what the kills
 * interrupted.
 */
export class KillInspection {
  /** Kills that found a document, written to since the last start, with a snapshot due and not stored. */
  duringSnapshot = 0
  /** Kills that cut a transaction short: in all, appends, appends of several events, snapshot saves. */
  readonly midWrite = { total: 0, appends: 0, multiEventAppends: 0, snapshots: 0 }
  private readonly eventsAtStart = new Map<string, number>()

  constructor(
    private readonly dbFile: string,
    private readonly docIds: readonly string[],
    private readonly snapshotEvery: number,
  ) {}

  inspect(): { log: LogIntegrity; cut: CutTransaction | undefined } {
    const cut = cutTransaction(this.dbFile)
    if (cut) {
      this.midWrite.total += 1
      if (cut.appending) this.midWrite.appends += 1
      if (cut.newEvents > 1) this.midWrite.multiEventAppends += 1
      if (cut.snapshotting) this.midWrite.snapshots += 1
    }
    const log = checkLogIntegrity(this.dbFile)
    const events = (docId: string) => log.documents[docId]?.events ?? 0
    const written = this.docIds.filter((docId) => events(docId) > (this.eventsAtStart.get(docId) ?? 0))
    for (const docId of this.docIds) this.eventsAtStart.set(docId, events(docId))
    if (this.awaitingSnapshot(written).length > 0) this.duringSnapshot += 1
    return { log, cut }
  }

  /**
   * Of documents the server was writing, those whose log had run `snapshotEvery` or more events past their
   * newest snapshot: the server requests a snapshot at that point (or on loading such a document), so one
   * was being built or saved.
   */
  private awaitingSnapshot(docIds: readonly string[]): string[] {
    const db = new Database(this.dbFile, { readonly: true, fileMustExist: true })
    try {
      const head = db.prepare('SELECT MAX(revision) FROM events WHERE stream_id = ?').pluck()
      const newest = db.prepare('SELECT MAX(revision) FROM snapshots WHERE key = ?').pluck()
      return docIds.filter((docId) => {
        const events = ((head.get(docStream(docId)) as number | null) ?? -1) + 1
        const covered = ((newest.get(docId) as number | null) ?? -1) + 1
        return events - covered >= this.snapshotEvery
      })
    } finally {
      db.close()
    }
  }
}
