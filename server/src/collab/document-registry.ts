import { Inject, Injectable, Logger } from '@nestjs/common'
import { docStream } from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import { AppConfig } from '../config/app-config.js'
import { DocReader } from '../documents/doc-reader.js'
import { SnapshotBuilder } from '../documents/snapshot-builder.js'
import { EVENT_STORE } from '../store/store.module.js'
import { closeCodes } from './collab-connection.js'
import { DocWriter } from './doc-writer.js'
import { LiveDocument } from './live-document.js'

/**
 * The documents held in memory: loaded from the log on first use, shared by every connection to them, and
 * stored and unloaded when the last connection leaves.
 */
@Injectable()
export class DocumentRegistry {
  private readonly logger = new Logger(DocumentRegistry.name)
  private readonly documents = new Map<string, Promise<LiveDocument>>()
  private readonly loaded = new Map<string, LiveDocument>()
  private readonly unloading = new Map<string, Promise<void>>()
  private closing = false

  constructor(
    private readonly config: AppConfig,
    private readonly reader: DocReader,
    private readonly snapshots: SnapshotBuilder,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  get openCount(): number {
    return this.documents.size
  }

  async acquire(docId: string): Promise<LiveDocument> {
    for (;;) {
      if (this.closing) throw new Error('The server is shutting down')
      await this.unloading.get(docId)
      let loading = this.documents.get(docId)
      if (!loading) {
        const started = this.load(docId)
        loading = started
        this.documents.set(docId, started)
        started.catch(() => {
          if (this.documents.get(docId) === started) this.documents.delete(docId)
        })
      }
      const document = await loading
      if (!document.isUnloading) return document
    }
  }

  /** Unloads the document if nobody is connected to it. */
  releaseIfUnused(document: LiveDocument): void {
    if (document.connectionCount === 0) this.unload(document)
  }

  /** Stores everything pending, frees every document, and waits for snapshots under way. */
  async closeAll(): Promise<void> {
    this.closing = true
    const loaded = await Promise.allSettled(this.documents.values())
    for (const result of loaded) {
      if (result.status === 'fulfilled') {
        result.value.disconnectAll(closeCodes.goingAway, 'server shutting down')
        this.unload(result.value)
      }
    }
    await Promise.allSettled(this.unloading.values())
    await this.snapshots.idle()
  }

  private async load(docId: string): Promise<LiveDocument> {
    const started = performance.now()
    const { doc, revision, tailLength, storedBytes } = await this.reader.load(docId)
    const writer = new DocWriter({
      docId,
      store: this.store,
      revision,
      sinceSnapshot: tailLength,
      flushMs: this.config.flushMs,
      snapshotEvery: this.config.snapshotEvery,
      onSnapshotDue: (at) => void this.snapshots.request(docId, at),
      catchUp: (after) => this.catchUp(document, after),
      onError: (error, pendingUpdates) =>
        this.logger.error({ err: error, docId, pendingUpdates }, 'storing document updates failed; retrying'),
    })
    const document: LiveDocument = new LiveDocument(
      docId,
      doc,
      writer,
      storedBytes,
      { updateBytes: this.config.maxMessageBytes, docBytes: this.config.maxDocBytes },
      (empty) => this.releaseIfUnused(empty),
      (corrupted, error) => {
        this.logger.error(
          { err: error, docId },
          'an update failed to apply; reloading the document from the log',
        )
        queueMicrotask(() => {
          corrupted.disconnectAll(closeCodes.internalError, 'document reloading')
          this.unload(corrupted)
        })
      },
    )
    this.loaded.set(docId, document)
    if (tailLength >= this.config.snapshotEvery && revision !== undefined)
      void this.snapshots.request(docId, revision)
    this.logger.debug(
      { docId, revision: Number(revision ?? -1), tailLength, ms: performance.now() - started },
      'loaded',
    )
    return document
  }

  private unload(document: LiveDocument): void {
    const { docId } = document
    if (document.isUnloading) return
    if (this.loaded.get(docId) === document) {
      this.loaded.delete(docId)
      this.documents.delete(docId)
    }
    const done = document
      .unload()
      .catch((error: unknown) =>
        this.logger.error(
          { err: error, docId, pendingUpdates: document.writer.pendingUpdates },
          'updates could not be stored before unloading; clients still hold them and resend on reconnect',
        ),
      )
      .finally(() => {
        if (this.unloading.get(docId) === done) this.unloading.delete(docId)
      })
    this.unloading.set(docId, done)
  }

  private async catchUp(document: LiveDocument, after: bigint | undefined): Promise<bigint | undefined> {
    let revision = after
    const from = after === undefined ? 0n : after + 1n
    for await (const event of this.store.readStream(docStream(document.docId), { fromRevision: from })) {
      if (event.payload) document.applyStoredUpdate(event.payload)
      revision = event.revision
    }
    return revision
  }
}
