import { checkUpdate, ownBytes, rootKindConflict, updateChunks } from '@rembuk/collab'
import { docContentEventTypes } from '@rembuk/domain'
import type { RecordedEvent } from '@rembuk/event-store'
import * as awarenessProtocol from 'y-protocols/awareness'
import * as Y from 'yjs'
import { type CollabConnection, closeCodes } from './collab-connection.js'
import type { DocBus, DocMessage } from './doc-bus.js'
import type { DocWriter } from './doc-writer.js'
import {
  awarenessMessage,
  ProtocolError,
  syncStep1Message,
  syncStep2Message,
  updateMessage,
} from './sync-messages.js'

/**
 * A stock client drops a connection that has received nothing for 30 s, so a sync answer larger than
 * `syncWholeBytes` (17 s on a 15 KB/s 2G link) goes out in pieces of `syncPieceBytes` (4 s there). Smaller
 * answers, most documents, go whole: the receiver integrates one update faster than many.
 */
const syncPieceBytes = 64 * 1024
const syncWholeBytes = 256 * 1024
/**
 * Awareness changes (cursors, names) are relayed together at most this often. The stock client sends on every
 * awareness change it receives, its own or not, so relaying each change at once would make every client of a
 * document send as fast as the busiest one.
 */
const awarenessRelayMs = 50

/** The origin of changes that come from clients of other replicas. */
const fromPeer = Symbol('peer')

interface AwarenessChange {
  added: number[]
  updated: number[]
  removed: number[]
}

/**
 * One document held in memory while anyone has it open: the Yjs document, who is connected, their awareness
 * (cursors, names), and the writer that stores every change.
 */
export class LiveDocument {
  readonly awareness: awarenessProtocol.Awareness
  private readonly connections = new Set<CollabConnection>()
  /** Updates the document emits while a client's update is applied; handed on only if the apply succeeds. */
  private captured: Uint8Array[] | null = null
  private unloading: Promise<void> | undefined
  private readonly awarenessChanged = new Set<number>()
  private awarenessTimer: NodeJS.Timeout | undefined

  /**
   * @param sizeBytes what the document weighed at load; every update applied since adds to it, and an update
   *   that would take it past `limits.docBytes` is refused.
   */
  constructor(
    readonly docId: string,
    readonly doc: Y.Doc,
    readonly writer: DocWriter,
    private sizeBytes: number,
    private readonly limits: { updateBytes: number; docBytes: number },
    private readonly bus: DocBus,
    private readonly onEmpty: (document: LiveDocument) => void,
    private readonly onCorrupted: (document: LiveDocument, error: unknown) => void,
  ) {
    this.awareness = new awarenessProtocol.Awareness(doc)
    this.awareness.setLocalState(null)
    this.awareness.on('update', this.relayAwareness)
    doc.on('update', this.onDocUpdate)
  }

  get connectionCount(): number {
    return this.connections.size
  }

  get isUnloading(): boolean {
    return this.unloading !== undefined
  }

  join(connection: CollabConnection): void {
    this.connections.add(connection)
    connection.send(syncStep1Message(this.writer.stored.stateVector))
    if (this.awareness.getStates().size > 0) {
      const clients = [...this.awareness.getStates().keys()]
      connection.send(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)))
    }
  }

  leave(connection: CollabConnection): void {
    if (!this.connections.delete(connection)) return
    if (connection.awarenessIds.size > 0) {
      const gone = [...connection.awarenessIds]
      awarenessProtocol.removeAwarenessStates(this.awareness, gone, null)
      const update = awarenessProtocol.encodeAwarenessUpdate(this.awareness, gone)
      this.bus.publish(this.docId, { kind: 'awareness', update })
    }
    if (this.connections.size === 0) this.onEmpty(this)
  }

  /**
   * Sends what the client lacks (as several updates when it is large), then what the event store holds: its
   * delete set as the sync step 2 after which the client counts itself synced, and its state vector as a sync
   * step 1. A client learns from them which of its edits are stored (how the web client says "saved"), and a
   * stock client answers the step 1 with whatever the store still lacks.
   */
  answerSyncStep1(connection: CollabConnection, stateVector: Uint8Array): void {
    const pieces = updateChunks(this.doc, stateVector, syncPieceBytes, syncWholeBytes)
    const { stored } = this.writer
    connection.sendInTurn([
      ...pieces.map(updateMessage),
      syncStep2Message(stored.deleteSetUpdate),
      syncStep1Message(stored.stateVector),
    ])
  }

  /**
   * Checks a client's update, applies it, and only then broadcasts and stores what it changed. An update that
   * fails the check is refused before it touches the document.
   */
  applyClientUpdate(connection: CollabConnection, received: Uint8Array): void {
    const update = ownBytes(received)
    const check = checkUpdate(update, this.limits.updateBytes)
    if (!check.ok) throw new ProtocolError(check.detail, check.problem === 'too-large' ? 1009 : 1007)
    const conflict = rootKindConflict(this.doc, check.structs)
    if (conflict) throw new ProtocolError(conflict)
    if (this.sizeBytes + update.byteLength > this.limits.docBytes) {
      throw new ProtocolError(
        `the document has reached its size limit of ${this.limits.docBytes} bytes`,
        closeCodes.documentTooLarge,
      )
    }
    // What waited for causes this update brings is integrated with it, and its sender may lack that part.
    const waiting = this.doc.store.pendingStructs !== null || this.doc.store.pendingDs !== null
    const emitted = this.applyCapturing(update, connection)
    if (!emitted) throw new ProtocolError('update could not be applied', 1007)
    const { actorId, actorName, schoolId } = connection.identity
    const actor = { actorId, ...(actorName ? { actorName } : {}), ...(schoolId ? { schoolId } : {}) }
    for (const change of emitted) {
      this.sizeBytes += change.byteLength
      this.broadcast(updateMessage(change), waiting ? undefined : connection)
      this.bus.publish(this.docId, { kind: 'update', update: change, actor })
      this.writer.enqueue(actor, change)
    }
  }

  /**
   * What another replica says: its client's update is applied and passed to this replica's clients (that
   * replica stores it; this one keeps it in case the store never gets it), or a change of awareness.
   */
  applyPeerMessage(message: DocMessage): void {
    if (message.kind === 'awareness') {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, fromPeer)
      return
    }
    for (const change of this.applyCapturing(message.update, fromPeer) ?? []) {
      this.sizeBytes += change.byteLength
      this.broadcast(updateMessage(change))
      this.writer.enqueuePeer(message.actor, change)
    }
  }

  /**
   * An event of the document's stream, whoever appended it: counted once as stored, and its update applied and
   * sent to every client that lacks it.
   */
  applyStored(event: Pick<RecordedEvent, 'revision' | 'type' | 'payload'>): void {
    const update = docContentEventTypes.includes(event.type) ? event.payload : null
    if (this.writer.record(event.revision, update) && update) this.applyFromStore(update)
  }

  /** Applies an update and answers what it changed, or undefined when it failed (the document then reloads). */
  private applyCapturing(update: Uint8Array, origin: unknown): Uint8Array[] | undefined {
    this.captured = []
    try {
      Y.applyUpdate(this.doc, update, origin)
      return this.captured
    } catch (error) {
      this.onCorrupted(this, error)
      return undefined
    } finally {
      this.captured = null
    }
  }

  applyAwareness(connection: CollabConnection, update: Uint8Array): void {
    try {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, update, connection)
    } catch {
      throw new ProtocolError('awareness update does not decode')
    }
    this.bus.publish(this.docId, { kind: 'awareness', update })
  }

  /** Sends what the store holds; the client answers with every update the store lacks. */
  askForMissing(connection: CollabConnection): void {
    connection.send(syncStep1Message(this.writer.stored.stateVector))
  }

  answerAwarenessQuery(connection: CollabConnection): void {
    const clients = [...this.awareness.getStates().keys()]
    connection.send(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, clients)))
  }

  /** Applies an update the store holds (the writer has counted it) and sends what it changes to every client. */
  applyFromStore(update: Uint8Array): void {
    this.sizeBytes += update.byteLength
    Y.applyUpdate(this.doc, update, this)
  }

  /** Closes every connection (they reconnect and resync) without waiting for them. */
  disconnectAll(code: number, reason: string): void {
    for (const connection of [...this.connections]) connection.close(code, reason)
  }

  /** Stores what is pending and frees the document; the same promise for every caller. */
  unload(): Promise<void> {
    this.unloading ??= (async () => {
      this.writer.stop()
      try {
        await this.writer.flush(true)
      } finally {
        clearTimeout(this.awarenessTimer)
        this.awareness.off('update', this.relayAwareness)
        this.awareness.destroy()
        this.doc.off('update', this.onDocUpdate)
        this.doc.destroy()
      }
    })()
    return this.unloading
  }

  private readonly onDocUpdate = (update: Uint8Array, origin: unknown): void => {
    if (this.captured) this.captured.push(update)
    else if (origin === this) this.broadcast(updateMessage(update))
  }

  private readonly relayAwareness = (change: AwarenessChange, origin: unknown): void => {
    if (this.isConnection(origin)) {
      for (const id of change.added) origin.awarenessIds.add(id)
      for (const id of change.removed) origin.awarenessIds.delete(id)
    }
    for (const id of [...change.added, ...change.updated, ...change.removed]) this.awarenessChanged.add(id)
    this.awarenessTimer ??= setTimeout(this.flushAwareness, awarenessRelayMs)
  }

  /** Sends every awareness state changed since the last relay to everyone; a sender ignores its own. */
  private readonly flushAwareness = (): void => {
    this.awarenessTimer = undefined
    const changed = [...this.awarenessChanged]
    this.awarenessChanged.clear()
    if (changed.length === 0 || this.unloading) return
    this.broadcast(awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed)))
  }

  private isConnection(origin: unknown): origin is CollabConnection {
    return this.connections.has(origin as CollabConnection)
  }

  private broadcast(message: Uint8Array, except?: CollabConnection): void {
    for (const connection of this.connections) {
      if (connection !== except) connection.send(message)
    }
  }
}
