import { Inject, Injectable, Logger } from '@nestjs/common'
import type { SnapshotStore } from '@rembuk/event-store'
import * as Y from 'yjs'
import { SNAPSHOT_STORE } from '../store/store.module.js'
import { DocReader } from './doc-reader.js'

/**
 * Builds snapshots from the log (never from a live document, which may hold updates not yet stored), one
 * document at a time, off the path that serves clients.
 */
@Injectable()
export class SnapshotBuilder {
  private readonly logger = new Logger(SnapshotBuilder.name)
  private readonly running = new Map<string, Promise<void>>()

  constructor(
    private readonly reader: DocReader,
    @Inject(SNAPSHOT_STORE) private readonly snapshots: SnapshotStore,
  ) {}

  /** Snapshots `docId` at `revision` after any snapshot of it already under way. */
  request(docId: string, revision: bigint): Promise<void> {
    const previous = this.running.get(docId) ?? Promise.resolve()
    const next = previous.then(() => this.build(docId, revision))
    this.running.set(docId, next)
    void next.finally(() => {
      if (this.running.get(docId) === next) this.running.delete(docId)
    })
    return next
  }

  /** Resolves when every snapshot requested so far is written (or has failed and been logged). */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all(this.running.values())
  }

  private async build(docId: string, revision: bigint): Promise<void> {
    try {
      const latest = await this.snapshots.latest(docId, revision)
      if (latest?.revision === revision) return
      const { doc, revision: reached } = await this.reader.load(docId, revision)
      if (reached !== revision) return
      await this.snapshots.save({ key: docId, revision, state: Y.encodeStateAsUpdate(doc) })
      doc.destroy()
    } catch (error) {
      this.logger.error(
        { err: error, docId, revision: Number(revision) },
        'snapshot failed; the log is unaffected',
      )
    }
  }
}
