import { type AppendStreamState, KurrentDBClient } from '@kurrent/kurrentdb-client'
import { assertValidAppend } from '../append-rules.js'
import { StoreClosedError, WrongExpectedRevisionError } from '../errors.js'
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
import { allEventsFeed, streamEventsFeed } from './feed-source.js'
import { KurrentDbCheckpoints } from './kurrentdb-checkpoints.js'
import { isTransient, retryTransient, toAppendError } from './kurrentdb-errors.js'
import { toEventData } from './kurrentdb-events.js'
import { assertWritable, planFilter } from './kurrentdb-filters.js'
import { KurrentDbReader } from './kurrentdb-reader.js'
import { LiveSubscription } from './live-subscription.js'
import { PositionAnchors } from './position-anchors.js'

export interface KurrentDbEventStoreOptions {
  /** Events per read request. */
  pageSize?: number
  /** How long `connect` waits for the server's first answer. */
  connectTimeoutMs?: number
  /** Told each time a subscription lost its connection and is about to subscribe again. */
  onReconnect?: (error: unknown, attempt: number) => void
}

/** The event store on KurrentDB: each port stream is a KurrentDB stream, the log is `$all`. */
export class KurrentDbEventStore implements EventStore {
  readonly kind = 'kurrentdb'
  private readonly anchors = new PositionAnchors()
  private readonly reader: KurrentDbReader
  private readonly checkpoints: KurrentDbCheckpoints
  private readonly subscriptions = new Set<Subscription>()
  private closed = false

  /** Connects and waits for the server's first answer, so that a wrong address fails at startup. */
  static async connect(
    connectionString: string,
    options: KurrentDbEventStoreOptions = {},
  ): Promise<KurrentDbEventStore> {
    let client: KurrentDBClient
    try {
      client = KurrentDBClient.connectionString(connectionString)
    } catch (error) {
      throw new Error(`The KurrentDB connection string is not valid: ${(error as Error).message}`)
    }
    const store = new KurrentDbEventStore(client, options)
    try {
      await withTimeout(store.headPosition(), options.connectTimeoutMs ?? 10_000)
    } catch (error) {
      await store.close()
      const reason = isTransient(error) ? 'no node answered' : (error as Error).message
      throw new Error(`Cannot reach KurrentDB: ${reason}`)
    }
    return store
  }

  constructor(
    private readonly client: KurrentDBClient,
    private readonly options: KurrentDbEventStoreOptions = {},
  ) {
    this.reader = new KurrentDbReader(client, this.anchors, options.pageSize ?? 500)
    this.checkpoints = new KurrentDbCheckpoints(client)
  }

  async append(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    this.assertOpen()
    assertValidAppend(stream, events)
    assertWritable(stream, events)
    const data = events.map(toEventData)
    if (typeof expected === 'bigint' && expected < 0n) {
      throw new WrongExpectedRevisionError(stream, expected, await this.streamRevision(stream))
    }
    const streamState: AppendStreamState = expected
    const write = () => this.client.appendToStream(stream, data, { streamState })
    // Retrying is safe only where the server guarantees idempotence: the same event ids at an exact revision.
    const idempotent = expected !== 'any' && expected !== 'stream_exists'
    let nextExpectedRevision: bigint
    try {
      ;({ nextExpectedRevision } = await (idempotent ? retryTransient(write) : write()))
    } catch (error) {
      throw toAppendError(error, stream, expected)
    }
    // The server answers with one position for the whole append, not its last event's, which the port wants.
    const position = await this.reader.positionOf(stream, nextExpectedRevision)
    return { nextExpectedRevision, position }
  }

  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent> {
    this.assertOpen()
    return this.reader.readStream(stream, options)
  }

  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    this.assertOpen()
    return this.reader.readAll(options)
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    this.assertOpen()
    const hooks = {
      onReconnect: this.options.onReconnect,
      onClose: () => this.subscriptions.delete(subscription),
    }
    const subscription =
      options.stream !== undefined
        ? new LiveSubscription(
            streamEventsFeed(this.client, options.stream),
            options.afterRevision ?? -1n,
            hooks,
          )
        : new LiveSubscription(
            allEventsFeed(this.client, planFilter(options.filter), this.anchors),
            options.afterPosition ?? 0n,
            hooks,
          )
    this.subscriptions.add(subscription)
    return subscription
  }

  async streamRevision(stream: string): Promise<bigint | undefined> {
    this.assertOpen()
    return this.reader.lastRevision(stream)
  }

  async headPosition(): Promise<bigint> {
    this.assertOpen()
    return this.reader.headPosition()
  }

  async readCheckpoint(subscriberId: string): Promise<bigint | undefined> {
    this.assertOpen()
    return this.checkpoints.read(subscriberId)
  }

  async storeCheckpoint(subscriberId: string, position: bigint, expected: bigint | undefined): Promise<void> {
    this.assertOpen()
    await this.checkpoints.store(subscriberId, position, expected)
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()))
    await this.client.dispose()
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosedError()
  }
}

async function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}
