import type { RecordedEvent, Subscription } from '../port.js'
import type { Delivery, FeedSource, LiveFeed } from './feed-source.js'
import { backoffMs, isInvalidPosition, isPermanent } from './kurrentdb-errors.js'

export interface LiveSubscriptionHooks {
  onReconnect?: (error: unknown, attempt: number) => void
  onClose?: () => void
}

const caughtUpMark = Symbol('caughtUp')
const highWater = 512
const lowWater = 128

/**
 * A catch-up subscription that outlives its connection. Every delivery moves a cursor, and a dropped
 * subscription (node failure, leader change) is opened again after that cursor with backoff, so nothing is
 * skipped; deliveries at or before the cursor are dropped, so nothing is repeated.
 */
export class LiveSubscription implements Subscription {
  readonly caughtUp: Promise<void>
  private resolveCaughtUp!: () => void
  private readonly queue: (RecordedEvent | typeof caughtUpMark)[] = []
  private feed: LiveFeed | undefined
  private paused = false
  private skipThrough: bigint
  private openAt: bigint
  private attempt = 0
  private retryTimer: NodeJS.Timeout | undefined
  private failure: unknown
  private closed = false
  private started = false
  private wake: (() => void) | undefined

  /** `source` undefined: nothing can match, and the subscription only waits to be closed. */
  constructor(
    private readonly source: FeedSource | undefined,
    after: bigint,
    private readonly hooks: LiveSubscriptionHooks = {},
  ) {
    this.skipThrough = after
    this.openAt = after
    this.caughtUp = new Promise((resolve) => {
      this.resolveCaughtUp = resolve
    })
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    clearTimeout(this.retryTimer)
    const feed = this.feed
    this.feed = undefined
    this.resolveCaughtUp()
    this.notify()
    this.hooks.onClose?.()
    await feed?.unsubscribe().catch(() => {})
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    if (this.started) throw new Error('A subscription can be iterated only once')
    this.started = true
    return this.run()
  }

  private async *run(): AsyncGenerator<RecordedEvent> {
    try {
      if (this.source) this.connect(this.source)
      else this.queue.push(caughtUpMark)
      for (let event = await this.next(); event; event = await this.next()) yield event
    } finally {
      await this.close()
    }
  }

  private async next(): Promise<RecordedEvent | undefined> {
    for (;;) {
      if (this.closed) return undefined
      const item = this.queue.shift()
      if (item === undefined) {
        if (this.failure !== undefined) throw this.failure
        await new Promise<void>((resolve) => {
          this.wake = resolve
        })
        continue
      }
      if (this.paused && this.queue.length <= lowWater) {
        this.paused = false
        this.feed?.resume()
      }
      if (item === caughtUpMark) this.resolveCaughtUp()
      else return item
    }
  }

  private connect(source: FeedSource): void {
    if (this.closed) return
    let feed: LiveFeed
    try {
      feed = source.open(this.openAt)
    } catch (error) {
      this.recover(source, error)
      return
    }
    this.feed = feed
    this.paused = false
    let received = 0
    let caughtUpAfter: number | undefined
    feed.on('data', (delivery) => {
      if (feed !== this.feed) return
      received += 1
      this.attempt = 0
      try {
        this.accept(source.decode(delivery))
      } catch (error) {
        this.fail(feed, error)
        return
      }
      if (caughtUpAfter !== undefined && received >= caughtUpAfter) {
        caughtUpAfter = undefined
        this.push(caughtUpMark)
      }
      if (!this.paused && this.queue.length >= highWater) {
        this.paused = true
        feed.pause()
      }
    })
    feed.on('caughtUp', () => {
      if (feed !== this.feed) return
      // Events received before the server said so may still wait in the feed's buffer.
      const buffered = feed.readableLength
      if (buffered === 0) this.push(caughtUpMark)
      else caughtUpAfter = received + buffered
    })
    feed.on('error', (error) => this.dropped(source, feed, error))
    feed.on('end', () => this.dropped(source, feed, new Error('KurrentDB ended the subscription')))
  }

  private accept(delivery: Delivery | undefined): void {
    if (!delivery || delivery.cursor <= this.skipThrough) return
    this.skipThrough = delivery.cursor
    this.openAt = delivery.cursor
    if (delivery.event) this.push(delivery.event)
  }

  private dropped(source: FeedSource, feed: LiveFeed, error: unknown): void {
    if (feed !== this.feed || this.closed) return
    this.feed = undefined
    void feed.unsubscribe().catch(() => {})
    this.recover(source, error)
  }

  private recover(source: FeedSource, error: unknown): void {
    if (isInvalidPosition(error)) {
      const earlier = source.startBefore(this.openAt)
      if (earlier === undefined) this.fail(undefined, error)
      else {
        this.openAt = earlier
        this.connect(source)
      }
      return
    }
    if (isPermanent(error)) {
      this.fail(undefined, error)
      return
    }
    this.attempt += 1
    this.hooks.onReconnect?.(error, this.attempt)
    this.retryTimer = setTimeout(() => this.connect(source), backoffMs(this.attempt))
  }

  private fail(feed: LiveFeed | undefined, error: unknown): void {
    if (feed && this.feed === feed) {
      this.feed = undefined
      void feed.unsubscribe().catch(() => {})
    }
    this.failure = error
    this.notify()
  }

  private push(item: RecordedEvent | typeof caughtUpMark): void {
    this.queue.push(item)
    this.notify()
  }

  private notify(): void {
    const wake = this.wake
    this.wake = undefined
    wake?.()
  }
}
