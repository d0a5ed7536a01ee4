import pg, { type ClientConfig } from 'pg'
import { appendChannel } from './schema.js'

export interface AppendListenerHandlers {
  onNotice(payload: string): void
  /** Listening again after a lost connection: notices sent in between are lost. */
  onReconnected(): void
  onError(error: unknown): void
}

/** How the listening connection shows in pg_stat_activity. */
export const listenerName = 'rembuk-append-listener'
const firstRetryMs = 100
const longestRetryMs = 2_000

/**
 * The one connection of a store that LISTENs for append notices. When it is lost (a server restart, a
 * network fault) it connects again, with growing pauses, until the store closes.
 */
export class AppendListener {
  private client: pg.Client | undefined
  private retryMs = firstRetryMs
  private retryTimer: NodeJS.Timeout | undefined
  private closed = false

  constructor(
    private readonly config: ClientConfig,
    private readonly handlers: AppendListenerHandlers,
  ) {}

  /** The first connection: fails when the server cannot be reached. */
  start(): Promise<void> {
    return this.listen()
  }

  async close(): Promise<void> {
    this.closed = true
    clearTimeout(this.retryTimer)
    const client = this.client
    this.client = undefined
    await client?.end().catch(() => {})
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ ...this.config, keepAlive: true, application_name: listenerName })
    client.on('error', (error) => this.lost(client, error))
    client.on('end', () => this.lost(client, new Error('The listening connection ended')))
    client.on('notification', ({ channel, payload }) => {
      if (channel === appendChannel && payload !== undefined) this.handlers.onNotice(payload)
    })
    try {
      await client.connect()
      await client.query(`LISTEN ${appendChannel}`)
    } catch (error) {
      await client.end().catch(() => {})
      throw error
    }
    if (this.closed) {
      await client.end().catch(() => {})
      return
    }
    this.client = client
  }

  private lost(client: pg.Client, error: unknown): void {
    if (client !== this.client || this.closed) return
    this.client = undefined
    this.handlers.onError(error)
    client.end().catch(() => {})
    this.reconnectLater()
  }

  private reconnectLater(): void {
    if (this.closed) return
    this.retryTimer = setTimeout(async () => {
      try {
        await this.listen()
        this.retryMs = firstRetryMs
        if (!this.closed) this.handlers.onReconnected()
      } catch (error) {
        this.handlers.onError(error)
        this.retryMs = Math.min(this.retryMs * 2, longestRetryMs)
        this.reconnectLater()
      }
    }, this.retryMs)
  }
}
