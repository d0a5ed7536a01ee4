import { Inject, Injectable, Logger } from '@nestjs/common'
import { StoredState } from '@rembuk/collab'
import { docStream } from '@rembuk/domain'
import type { EventStore, Subscription } from '@rembuk/event-store'
import { AppConfig, hasOtherWriters } from '../config/app-config.js'
import { DocReader } from '../documents/doc-reader.js'
import { SnapshotBuilder } from '../documents/snapshot-builder.js'
import { EVENT_STORE } from '../store/store.module.js'
import { closeCodes } from './collab-connection.js'
import { DocBus, type DocMessage } from './doc-bus.js'
import { DocWriter } from './doc-writer.js'
import { LiveDocument } from './live-document.js'

/** How long an update heard from another replica may stay missing from the store before this one stores it. */
const peerGraceMs = 2_000
const resubscribeMs = 1_000

/**
 * The documents held in memory: loaded from the log on first use, shared by every connection to them, and
 * stored and unloaded when the last connection leaves. Where several replicas hold a document, each stores
 * what its own clients change and follows the document's stream for what the others stored; the DocBus only
 * brings the others' changes sooner (ADR 0009).
 */
@Injectable()
export class DocumentRegistry {
  private readonly logger = new Logger(DocumentRegistry.name)
  private readonly documents = new Map<string, Promise<LiveDocument>>()
  private readonly loaded = new Map<string, LiveDocument>()
  private readonly unloading = new Map<string, Promise<void>>()
  private readonly following = new Map<LiveDocument, Subscription>()
  /** Whether other processes may append to document streams, so that each live document follows its stream. */
  private readonly followsStore: boolean
  private closing = false

  constructor(
    private readonly config: AppConfig,
    private readonly reader: DocReader,
    private readonly snapshots: SnapshotBuilder,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly bus: DocBus,
  ) {
    this.followsStore = hasOtherWriters(config)
  }

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
    await this.bus.close()
  }

  /**
   * Hears the other replicas before reading the log, so that nothing they change in between is missed, and
   * holds what they say until the document is ready; then follows the document's stream from where it read.
   */
  private async load(docId: string): Promise<LiveDocument> {
    const heard: DocMessage[] = []
    let ready: LiveDocument | undefined
    await this.bus.join(docId, (message) => (ready ? ready.applyPeerMessage(message) : heard.push(message)))
    try {
      const document = await this.read(docId)
      ready = document
      for (const message of heard) document.applyPeerMessage(message)
      if (this.followsStore) this.follow(document)
      return document
    } catch (error) {
      await this.bus.leave(docId).catch(() => undefined)
      throw error
    }
  }

  private async read(docId: string): Promise<LiveDocument> {
    const started = performance.now()
    const { doc, revision, tailLength, storedBytes } = await this.reader.load(docId)
    const writer = new DocWriter({
      docId,
      store: this.store,
      stored: StoredState.of(doc),
      revision,
      sinceSnapshot: tailLength,
      flushMs: this.config.flushMs,
      peerGraceMs,
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
      this.bus,
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

  /**
   * Applies what other replicas store in the document's stream as it arrives; a subscription that fails is
   * made again from the revision the document has reached.
   */
  private follow(document: LiveDocument): void {
    if (document.isUnloading) return
    const subscription = this.store.subscribe({
      stream: docStream(document.docId),
      ...(document.writer.revision === undefined ? {} : { afterRevision: document.writer.revision }),
    })
    this.following.set(document, subscription)
    void (async () => {
      try {
        for await (const event of subscription) document.applyStored(event)
      } catch (error) {
        this.logger.warn({ err: error, docId: document.docId }, 'following the document stream failed')
      }
      if (this.following.get(document) !== subscription) return
      this.following.delete(document)
      setTimeout(() => this.follow(document), resubscribeMs).unref()
    })()
  }

  private unload(document: LiveDocument): void {
    const { docId } = document
    if (document.isUnloading) return
    if (this.loaded.get(docId) === document) {
      this.loaded.delete(docId)
      this.documents.delete(docId)
    }
    const subscription = this.following.get(document)
    this.following.delete(document)
    const done = Promise.resolve(subscription?.close())
      .then(() => document.unload())
      .then(() => this.bus.leave(docId))
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

  /** Reads what other writers stored after `after` and applies it. */
  private async catchUp(document: LiveDocument, after: bigint | undefined): Promise<void> {
    const from = after === undefined ? 0n : after + 1n
    for await (const event of this.store.readStream(docStream(document.docId), { fromRevision: from })) {
      document.applyStored(event)
    }
  }
}
