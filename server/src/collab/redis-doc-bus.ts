import { randomUUID } from 'node:crypto'
import { Logger } from '@nestjs/common'
import { createClient } from 'redis'
import { DocBus, type DocMessage, decodeDocMessage, encodeDocMessage } from './doc-bus.js'

const channelOf = (docId: string) => `rembuk:doc:${docId}`
const subscribeWaitMs = 2_000

type Client = ReturnType<typeof createClient>

/**
 * Documents kept in step through Redis pub/sub, a channel per document for updates and awareness. While Redis
 * is away, publishing fails at once instead of queueing (the event store carries the updates meanwhile), and
 * the subscriptions are made again when it is back.
 */
export class RedisDocBus extends DocBus {
  private readonly logger = new Logger(RedisDocBus.name)
  private readonly source = randomUUID()

  private constructor(
    private readonly publisher: Client,
    private readonly subscriber: Client,
  ) {
    super()
  }

  static async connect(url: string): Promise<RedisDocBus> {
    const publisher: Client = createClient({ url, disableOfflineQueue: true })
    const subscriber: Client = publisher.duplicate()
    const bus = new RedisDocBus(publisher, subscriber)
    for (const client of [publisher, subscriber]) {
      client.on('error', (error: unknown) => bus.logger.error({ err: error }, 'Redis connection error'))
    }
    await Promise.all([publisher.connect(), subscriber.connect()])
    return bus
  }

  /** Waits for the subscription while Redis is there; otherwise it is made once Redis is back. */
  async join(docId: string, onMessage: (message: DocMessage) => void): Promise<void> {
    const listener = (bytes: Buffer) => {
      try {
        const { source, message } = decodeDocMessage(new Uint8Array(bytes))
        if (source !== this.source) onMessage(message)
      } catch (error) {
        this.logger.error({ err: error, docId }, 'a message from another replica does not decode')
      }
    }
    await this.whenReachable(this.subscriber.subscribe(channelOf(docId), listener, true), docId)
  }

  async leave(docId: string): Promise<void> {
    await this.whenReachable(this.subscriber.unsubscribe(channelOf(docId)), docId)
  }

  /** Waits a moment for Redis; a document never waits longer for it, since the store carries what it misses. */
  private async whenReachable(command: Promise<unknown>, docId: string): Promise<void> {
    const failed = (error: unknown) =>
      this.logger.error({ err: error, docId }, 'subscribing to other replicas failed')
    if (!this.subscriber.isReady) {
      command.catch(failed)
      return
    }
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, subscribeWaitMs)
    })
    await Promise.race([command.catch(failed), late])
    clearTimeout(timer)
  }

  publish(docId: string, message: DocMessage): void {
    if (!this.publisher.isReady) return
    this.publisher
      .publish(channelOf(docId), Buffer.from(encodeDocMessage(this.source, message)))
      .catch((error: unknown) =>
        this.logger.error({ err: error, docId }, 'publishing to other replicas failed'),
      )
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.publisher.quit(), this.subscriber.quit()])
  }
}
