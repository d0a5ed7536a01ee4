import { hostname } from 'node:os'
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common'
import { docStream } from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import * as Y from 'yjs'
import { AppConfig } from '../config/app-config.js'
import { DocReader } from '../documents/doc-reader.js'
import { SnapshotBuilder } from '../documents/snapshot-builder.js'
import { EVENT_STORE } from '../store/store.module.js'
import { closeCodes } from './collab-connection.js'
import { DocBus, type DocMessage } from './doc-bus.js'
import { type Actor, DocWriter } from './doc-writer.js'
import { LiveDocument } from './live-document.js'

/**
 * The documents held in memory: loaded from the log on first use, shared by every connection to them, and
 * stored and unloaded when the last connection leaves. Where several replicas hold a document, they keep it in
 * step through the DocBus, and only the one that owns it stores its changes (ADR 0009).
 */
@Injectable()
export class DocumentRegistry implements OnModuleInit {
  private readonly logger = new Logger(DocumentRegistry.name)
  private ownership: NodeJS.Timeout | undefined
  /** How this replica signs what it stores on its own account: changes it holds that the log lacks. */
  private readonly self: Actor
  private readonly documents = new Map<string, Promise<LiveDocument>>()
  private readonly loaded = new Map<string, LiveDocument>()
  private readonly unloading = new Map<string, Promise<void>>()
  private closing = false

  constructor(
    private readonly config: AppConfig,
    private readonly reader: DocReader,
    private readonly snapshots: SnapshotBuilder,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly bus: DocBus,
  ) {
    const replica = config.replicaId ?? hostname()
    this.self = { actorId: `replica-${replica}`, actorName: `Rembuk (${replica})` }
  }

  onModuleInit(): void {
    this.ownership = setInterval(() => void this.reviewOwnership(), this.bus.renewEveryMs)
    this.ownership.unref()
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
    clearInterval(this.ownership)
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
   * holds what they say until the document is ready; then asks them for what they hold.
   */
  private async load(docId: string): Promise<LiveDocument> {
    const heard: DocMessage[] = []
    let ready: LiveDocument | undefined
    await this.bus.join(docId, (message) => (ready ? ready.applyPeerMessage(message) : heard.push(message)))
    try {
      const document = await this.read(docId)
      document.setOwner(await this.bus.own(docId))
      ready = document
      for (const message of heard) document.applyPeerMessage(message)
      this.bus.publish(docId, { kind: 'hello' })
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
      { bus: this.bus, self: this.self },
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
      .then(() => (document.isOwner ? this.bus.release(docId) : undefined))
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

  /** Keeps the documents this replica owns, and takes over those whose owner stopped renewing its lease. */
  private async reviewOwnership(): Promise<void> {
    for (const document of [...this.loaded.values()]) {
      if (document.isUnloading) continue
      try {
        const owned = await this.bus.own(document.docId)
        if (owned && !document.isOwner) await this.takeOver(document)
        else if (!owned && document.isOwner) {
          this.logger.warn({ docId: document.docId }, 'another replica owns the document now')
          document.setOwner(false)
        }
      } catch (error) {
        this.logger.error({ err: error, docId: document.docId }, 'ownership could not be checked')
      }
    }
  }

  /**
   * Becomes the replica that stores the document: catches up with the log, then stores, on its own account,
   * whatever it holds that the log lacks (what reached the replicas while nobody owned the document).
   */
  private async takeOver(document: LiveDocument): Promise<void> {
    await document.writer.catchUpToHead()
    const stored = (await this.reader.load(document.docId)).doc
    const before = Y.encodeStateVector(stored)
    const deletedBefore = Y.createDeleteSetFromStructStore(stored.store)
    const missing = Y.encodeStateAsUpdate(document.doc, before)
    document.setOwner(true)
    Y.applyUpdate(stored, missing)
    const adds = !sameBytes(Y.encodeStateVector(stored), before)
    const deletes = !Y.equalDeleteSets(Y.createDeleteSetFromStructStore(stored.store), deletedBefore)
    stored.destroy()
    if (adds || deletes) document.writer.enqueue(this.self, missing)
    this.logger.log({ docId: document.docId, storedMissing: adds || deletes }, 'took over the document')
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

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((byte, index) => byte === b[index])
}
