import { randomUUID } from 'node:crypto'
import { Logger } from '@nestjs/common'
import { createClient } from 'redis'
import { DocBus, type DocMessage, decodeDocMessage, encodeDocMessage } from './doc-bus.js'

const channelOf = (docId: string) => `rembuk:doc:${docId}`
const ownerKeyOf = (docId: string) => `rembuk:doc-owner:${docId}`
const ownershipMs = 10_000
/** Extends the lease only for the replica that holds it. */
const renewScript =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end"
const releaseScript =
  "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end"

type Client = ReturnType<typeof createClient>

/**
 * Documents kept in step through Redis: a pub/sub channel per document for updates and awareness, and a key
 * with a lease (10 s, renewed every 3 s) naming the replica that owns it. A replica that stops loses the lease
 * and another that holds the document takes over.
 */
export class RedisDocBus extends DocBus {
  readonly renewEveryMs = 3_000
  private readonly logger = new Logger(RedisDocBus.name)
  private readonly source = randomUUID()

  private constructor(
    private readonly publisher: Client,
    private readonly subscriber: Client,
  ) {
    super()
  }

  static async connect(url: string): Promise<RedisDocBus> {
    const publisher: Client = createClient({ url })
    const subscriber: Client = publisher.duplicate()
    const bus = new RedisDocBus(publisher, subscriber)
    for (const client of [publisher, subscriber]) {
      client.on('error', (error: unknown) => bus.logger.error({ err: error }, 'Redis connection error'))
    }
    await Promise.all([publisher.connect(), subscriber.connect()])
    return bus
  }

  async join(docId: string, onMessage: (message: DocMessage) => void): Promise<void> {
    await this.subscriber.subscribe(
      channelOf(docId),
      (bytes: Buffer) => {
        try {
          const { source, message } = decodeDocMessage(new Uint8Array(bytes))
          if (source !== this.source) onMessage(message)
        } catch (error) {
          this.logger.error({ err: error, docId }, 'a message from another replica does not decode')
        }
      },
      true,
    )
  }

  async leave(docId: string): Promise<void> {
    await this.subscriber.unsubscribe(channelOf(docId))
  }

  publish(docId: string, message: DocMessage): void {
    this.publisher
      .publish(channelOf(docId), Buffer.from(encodeDocMessage(this.source, message)))
      .catch((error: unknown) =>
        this.logger.error({ err: error, docId }, 'publishing to other replicas failed'),
      )
  }

  async own(docId: string): Promise<boolean> {
    const key = ownerKeyOf(docId)
    if ((await this.publisher.set(key, this.source, { NX: true, PX: ownershipMs })) === 'OK') return true
    const renewed = await this.publisher.eval(renewScript, {
      keys: [key],
      arguments: [this.source, `${ownershipMs}`],
    })
    return renewed === 1
  }

  async release(docId: string): Promise<void> {
    await this.publisher.eval(releaseScript, { keys: [ownerKeyOf(docId)], arguments: [this.source] })
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.publisher.quit(), this.subscriber.quit()])
  }
}
