import type { Logger } from '@nestjs/common'
import { type RawData, WebSocket } from 'ws'
import { TokenBucket } from '../common/token-bucket.js'
import type { CollabIdentity } from './collab-access.js'
import type { LiveDocument } from './live-document.js'
import { ProtocolError, parseClientMessage } from './sync-messages.js'

/** Close codes a client may see, beside ws's own (1009 for a frame over the size limit). */
export const closeCodes = {
  goingAway: 1001,
  unsupportedData: 1003,
  invalidPayload: 1007,
  internalError: 1011,
  tryAgainLater: 1013,
  /** The member lost the right to read the document (removed from the school, the plan or the map). */
  accessRevoked: 4403,
  /** The update would grow the document beyond its limit. */
  documentTooLarge: 4413,
  /** More messages a second than the limit allows; in the 4500s, which clients retry after a while. */
  tooManyMessages: 4529,
} as const

const maxWaitingFrames = 1000

/**
 * One client's y-websocket connection. Frames that arrive while the document is still loading wait in order;
 * a frame that breaks the protocol closes the connection and changes nothing.
 */
export class CollabConnection {
  readonly awarenessIds = new Set<number>()
  private document: LiveDocument | undefined
  private waiting: [RawData, boolean][] = []
  private alive = true
  private readonly rate: TokenBucket
  droppedUpdates = 0

  constructor(
    readonly socket: WebSocket,
    readonly docId: string,
    private identityValue: CollabIdentity,
    messagesPerSecond: number,
    private readonly logger: Logger,
  ) {
    this.rate = new TokenBucket(messagesPerSecond)
  }

  get identity(): CollabIdentity {
    return this.identityValue
  }

  /**
   * Access changed while connected: from now on, updates are applied or dropped accordingly. A client that
   * may write again is asked for everything it holds, as its updates dropped meanwhile left it ahead.
   */
  setCanWrite(canWrite: boolean): void {
    const regained = canWrite && !this.identityValue.canWrite
    this.identityValue = { ...this.identityValue, canWrite }
    if (regained) this.document?.askForMissing(this)
  }

  get isOpen(): boolean {
    return this.socket.readyState === WebSocket.OPEN
  }

  attach(document: LiveDocument): void {
    this.document = document
    document.join(this)
    const waiting = this.waiting
    this.waiting = []
    for (const [frame, isBinary] of waiting) {
      if (!this.isOpen) break
      this.handleFrame(document, frame, isBinary)
    }
  }

  receive(frame: RawData, isBinary: boolean): void {
    if (!this.isOpen) return
    if (!this.rate.take()) {
      this.close(closeCodes.tooManyMessages, 'too many messages a second')
      return
    }
    if (!this.document) {
      if (this.waiting.length >= maxWaitingFrames)
        this.close(closeCodes.tryAgainLater, 'too many frames while loading')
      else this.waiting.push([frame, isBinary])
      return
    }
    this.handleFrame(this.document, frame, isBinary)
  }

  private handleFrame(document: LiveDocument, frame: RawData, isBinary: boolean): void {
    if (!isBinary) {
      this.close(closeCodes.unsupportedData, 'y-websocket frames are binary')
      return
    }
    try {
      this.handle(document, toBytes(frame))
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error
      this.logger.warn(
        { docId: this.docId, actorId: this.identity.actorId, problem: error.message },
        'frame refused',
      )
      this.close(error.closeCode, error.message)
    }
  }

  send(message: Uint8Array): void {
    if (!this.isOpen) return
    this.socket.send(message, (error) => {
      if (error) this.socket.terminate()
    })
  }

  /**
   * Sends each message once the one before has been handed to the network, so that a long answer on a slow
   * link never queues ahead of the keep-alive ping or of live updates.
   */
  sendInTurn(messages: readonly Uint8Array[]): void {
    let next = 0
    const sendNext = (): void => {
      const message = messages[next++]
      if (!message || !this.isOpen) return
      this.socket.send(message, (error) => {
        if (error) this.socket.terminate()
        else sendNext()
      })
    }
    sendNext()
  }

  close(code: number, reason: string): void {
    if (this.socket.readyState === WebSocket.CLOSED || this.socket.readyState === WebSocket.CLOSING) return
    this.socket.close(code, reason.slice(0, 120))
  }

  /** Called by the keep-alive timer: false when the client did not answer the last ping. */
  ping(): boolean {
    if (!this.alive) {
      this.socket.terminate()
      return false
    }
    this.alive = false
    this.socket.ping()
    return true
  }

  pong(): void {
    this.alive = true
  }

  detach(): void {
    this.document?.leave(this)
    this.document = undefined
    this.waiting = []
  }

  private handle(document: LiveDocument, frame: Uint8Array): void {
    const message = parseClientMessage(frame)
    switch (message.kind) {
      case 'sync-step1':
        document.answerSyncStep1(this, message.stateVector)
        return
      case 'update':
        if (!this.identity.canWrite) {
          this.droppedUpdates += 1
          return
        }
        document.applyClientUpdate(this, message.update)
        return
      case 'awareness':
        document.applyAwareness(this, message.update)
        return
      case 'query-awareness':
        document.answerAwarenessQuery(this)
        return
      case 'auth':
        return
    }
  }
}

function toBytes(frame: RawData): Uint8Array {
  if (Array.isArray(frame)) return new Uint8Array(Buffer.concat(frame))
  if (frame instanceof ArrayBuffer) return new Uint8Array(frame)
  return new Uint8Array(frame.buffer, frame.byteOffset, frame.byteLength)
}
