import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common'
import { HttpAdapterHost } from '@nestjs/core'
import { docIdSchema } from '@rembuk/domain'
import { type WebSocket, WebSocketServer } from 'ws'
import { AppConfig } from '../config/app-config.js'
import { CollabAccess, type CollabIdentity, isRefusal } from './collab-access.js'
import { CollabConnection, closeCodes } from './collab-connection.js'
import { DocumentRegistry } from './document-registry.js'

export const collabPathPrefix = '/collab/'
/** socket.io's own endpoint, which answers its upgrades itself. */
const socketIoPath = '/socket.io/'
const keepAliveMs = 30_000

const statusText: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  503: 'Service Unavailable',
}

/**
 * The y-websocket endpoint, `/collab/<docId>`: the stock y-websocket provider talks to it unchanged. Access is
 * decided once, at the handshake, by CollabAccess.
 */
@Injectable()
export class CollabGateway implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(CollabGateway.name)
  private readonly connections = new Set<CollabConnection>()
  /** Connections per member, counted from the moment their handshake is accepted. */
  private readonly perMember = new Map<string, number>()
  private server: WebSocketServer | undefined
  private keepAlive: NodeJS.Timeout | undefined
  private httpServer: Server | undefined

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly access: CollabAccess,
    private readonly documents: DocumentRegistry,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.server = new WebSocketServer({ noServer: true, maxPayload: this.config.maxMessageBytes })
    this.httpServer = this.adapterHost.httpAdapter.getHttpServer() as Server
    this.httpServer.on('upgrade', this.onUpgrade)
    this.keepAlive = setInterval(() => {
      for (const connection of this.connections) connection.ping()
    }, keepAliveMs)
    this.keepAlive.unref()
  }

  /** Every open connection, with the document it is on and who holds it. */
  openConnections(): ReadonlySet<CollabConnection> {
    return this.connections
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.keepAlive)
    this.httpServer?.off('upgrade', this.onUpgrade)
    for (const connection of this.connections) connection.close(closeCodes.goingAway, 'server shutting down')
    await this.documents.closeAll()
    for (const connection of this.connections) connection.socket.terminate()
    this.server?.close()
  }

  private readonly onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const url = new URL(request.url ?? '/', 'http://rembuk.invalid')
    if (!url.pathname.startsWith(collabPathPrefix)) {
      if (!url.pathname.startsWith(socketIoPath)) reject(socket, 404, 'no WebSocket endpoint here')
      return
    }
    socket.on('error', (error) => this.logger.debug({ err: error }, 'socket error during handshake'))
    let docId: string
    try {
      docId = docIdSchema.parse(decodeURIComponent(url.pathname.slice(collabPathPrefix.length)))
    } catch {
      reject(socket, 400, 'invalid document id')
      return
    }
    this.access
      .authorize({ docId, url, request })
      .then((result) => {
        if (isRefusal(result)) {
          reject(socket, result.refused, result.reason)
          return
        }
        const held = this.perMember.get(result.actorId) ?? 0
        if (held >= this.config.maxConnectionsPerMember) {
          reject(socket, 429, `at most ${this.config.maxConnectionsPerMember} connections per member`)
          return
        }
        this.perMember.set(result.actorId, held + 1)
        socket.once('close', () => this.releaseSlot(result.actorId))
        this.server?.handleUpgrade(request, socket, head, (ws) => this.onConnection(ws, docId, result))
      })
      .catch((error: unknown) => {
        this.logger.error({ err: error, docId }, 'authorizing a collaboration connection failed')
        reject(socket, 503, 'try again later')
      })
  }

  private onConnection(socket: WebSocket, docId: string, identity: CollabIdentity): void {
    const connection = new CollabConnection(
      socket,
      docId,
      identity,
      this.config.maxMessagesPerSecond,
      this.logger,
    )
    this.connections.add(connection)
    socket.on('message', (data, isBinary) => connection.receive(data, isBinary))
    socket.on('pong', () => connection.pong())
    socket.on('error', (error) => this.logger.debug({ err: error, docId }, 'collaboration socket error'))
    socket.on('close', () => {
      this.connections.delete(connection)
      connection.detach()
    })
    this.documents
      .acquire(docId)
      .then((document) => {
        if (connection.isOpen) connection.attach(document)
        else this.documents.releaseIfUnused(document)
      })
      .catch((error: unknown) => {
        this.logger.error({ err: error, docId }, 'document could not be loaded')
        connection.close(closeCodes.internalError, 'document could not be loaded')
      })
  }

  private releaseSlot(actorId: string): void {
    const held = (this.perMember.get(actorId) ?? 1) - 1
    if (held > 0) this.perMember.set(actorId, held)
    else this.perMember.delete(actorId)
  }
}

function reject(socket: Duplex, status: number, reason: string): void {
  const body = JSON.stringify({ statusCode: status, message: reason })
  socket.end(
    `HTTP/1.1 ${status} ${statusText[status] ?? 'Error'}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  )
}
