import type { Pool } from 'pg'
import { assertValidAppend } from '../append-rules.js'
import { StoreClosedError } from '../errors.js'
import type {
  AppendResult,
  EventStore,
  ExpectedRevision,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../port.js'
import { PullSubscription } from '../pull-subscription.js'
import { AppendListener } from './append-listener.js'
import { decodeAppendNotice, encodeAppendNotice, sendAppendNotice } from './append-notice.js'
import { appendInTransaction } from './append-transaction.js'
import { readCheckpoint, storeCheckpoint } from './checkpoints.js'
import { readLogMarks, readLogPage, readStreamPage, readStreamRevision } from './event-reads.js'
import { toEventColumns, toRecorded } from './event-rows.js'
import { createPool, type PoolOptions } from './pool.js'
import { ensureEventSchema } from './schema.js'
import { logSubscriptionReads, streamSubscriptionReads } from './subscription-reads.js'
import { Wakeups } from './wakeups.js'
import { WokenSource } from './woken-source.js'

export interface PostgresEventStoreOptions extends PoolOptions {
  /** Rows per read. */
  pageSize?: number
  /** How long an idle live subscription waits for a notice before it reads anyway: 5 s by default. */
  safetyPollMs?: number
  /** Told of every fault the store gets over: lost connections, failed subscription reads, lost notices. */
  onError?: (error: unknown) => void
}

const lastRevision = 2n ** 63n - 1n

/** The event store on PostgreSQL, for several replicas sharing one database (ADR 0012). */
export class PostgresEventStore implements EventStore {
  readonly kind = 'postgres'
  private readonly wakeups = new Wakeups()
  private readonly listener: AppendListener
  private readonly subscriptions = new Set<Subscription>()
  private readonly pageSize: number
  private readonly safetyPollMs: number
  private readonly onError: (error: unknown) => void
  private closed = false

  /** Connects, makes the tables when they are missing, and starts listening for appends. */
  static async connect(url: string, options: PostgresEventStoreOptions = {}): Promise<PostgresEventStore> {
    const store = new PostgresEventStore(createPool(url, options), url, options)
    try {
      await ensureEventSchema(store.pool)
      await store.listener.start()
    } catch (error) {
      await store.close()
      throw new Error(
        `Cannot open the event store on PostgreSQL at ${describe(url)}: ${(error as Error).message}`,
      )
    }
    return store
  }

  private constructor(
    /** The store's connections; other tables of the same database may use them too. Ended by `close`. */
    readonly pool: Pool,
    url: string,
    options: PostgresEventStoreOptions,
  ) {
    this.pageSize = options.pageSize ?? 500
    this.safetyPollMs = options.safetyPollMs ?? 5_000
    this.onError = options.onError ?? (() => {})
    this.listener = new AppendListener(
      { connectionString: url },
      {
        onNotice: (payload) => {
          const notice = decodeAppendNotice(payload)
          if (notice) this.wakeups.deliver(notice)
          else this.wakeups.wakeAll()
        },
        onReconnected: () => this.wakeups.wakeAll(),
        onError: this.onError,
      },
    )
  }

  async append(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    this.assertOpen()
    assertValidAppend(stream, events)
    const columns = toEventColumns(events)
    const result = await appendInTransaction(this.pool, stream, columns, expected)
    await sendAppendNotice(this.pool, encodeAppendNotice(stream, columns.types)).catch(this.onError)
    return result
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const direction = options.direction ?? 'forwards'
    let remaining = options.max ?? Number.MAX_SAFE_INTEGER
    let from = options.fromRevision ?? (direction === 'backwards' ? lastRevision : 0n)
    while (remaining > 0 && from >= 0n) {
      this.assertOpen()
      const limit = Math.min(remaining, this.pageSize)
      const rows = await readStreamPage(this.pool, stream, from, direction, limit)
      for (const row of rows) yield toRecorded(row)
      const last = rows[rows.length - 1]
      if (rows.length < limit || !last) return
      remaining -= rows.length
      from = BigInt(last.revision) + (direction === 'backwards' ? -1n : 1n)
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    let remaining = options.max ?? Number.MAX_SAFE_INTEGER
    let after = options.afterPosition ?? 0n
    while (remaining > 0) {
      this.assertOpen()
      const limit = Math.min(remaining, this.pageSize)
      const rows = await readLogPage(this.pool, after, options.untilPosition, limit, options.filter)
      for (const row of rows) yield toRecorded(row)
      const last = rows[rows.length - 1]
      if (rows.length < limit || !last) return
      remaining -= rows.length
      after = BigInt(last.position)
    }
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    this.assertOpen()
    const { stream, filter } = options
    const wakeup = this.wakeups.add(stream, filter)
    const reads =
      stream === undefined
        ? logSubscriptionReads(this.pool, filter, this.pageSize)
        : streamSubscriptionReads(this.pool, stream, this.pageSize)
    const source = new WokenSource(reads, wakeup, this.safetyPollMs, this.onError)
    const subscription = new PullSubscription(
      source,
      stream === undefined ? (options.afterPosition ?? 0n) : (options.afterRevision ?? -1n),
      () => {
        source.stop()
        this.wakeups.remove(wakeup)
        this.subscriptions.delete(subscription)
      },
    )
    this.subscriptions.add(subscription)
    return subscription
  }

  async streamRevision(stream: string): Promise<bigint | undefined> {
    this.assertOpen()
    return readStreamRevision(this.pool, stream)
  }

  async headPosition(): Promise<bigint> {
    this.assertOpen()
    return (await readLogMarks(this.pool)).head
  }

  async readCheckpoint(subscriberId: string): Promise<bigint | undefined> {
    this.assertOpen()
    return readCheckpoint(this.pool, subscriberId)
  }

  async storeCheckpoint(subscriberId: string, position: bigint, expected: bigint | undefined): Promise<void> {
    this.assertOpen()
    await storeCheckpoint(this.pool, subscriberId, position, expected)
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()))
    await this.listener.close()
    await this.pool.end()
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosedError()
  }
}

/** The server and database of a URL, without its password. */
function describe(url: string): string {
  try {
    const { hostname, port, pathname } = new URL(url)
    return `${hostname}${port ? `:${port}` : ''}${pathname}`
  } catch {
    return 'an unreadable URL'
  }
}
