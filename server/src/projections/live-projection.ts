import { Logger } from '@nestjs/common'
import type { EventFilter, EventStore, RecordedEvent, Subscription } from '@rembuk/event-store'
import { followLog, type LogFollower } from './log-followers.js'

/**
 * Follows the streams under one prefix from the start of the log, then live, handing each event to `apply`.
 * `start` resolves once everything stored before it has been applied; `waitFor(position)` once the event at
 * that position has (a command waits here so that its answer reflects what it did, and what listeners did
 * about it).
 */
export class LiveProjection implements LogFollower {
  private readonly logger: Logger
  private positionValue = 0n
  private waiters: { position: bigint; resolve: () => void }[] = []
  private readonly listeners: ((event: RecordedEvent) => void)[] = []
  private subscription: Subscription | undefined
  private unfollow: (() => void) | undefined
  readonly filter: EventFilter

  constructor(
    name: string,
    private readonly store: EventStore,
    streamPrefix: string,
    private readonly apply: (event: RecordedEvent) => void,
  ) {
    this.logger = new Logger(name)
    this.filter = { streamPrefixes: [streamPrefix] }
  }

  get position(): bigint {
    return this.positionValue
  }

  async start(): Promise<void> {
    const subscription = this.store.subscribe({ filter: this.filter })
    this.subscription = subscription
    void (async () => {
      try {
        for await (const event of subscription) this.offer(event)
      } catch (error) {
        this.logger.error({ err: error }, 'stopped following the log')
      }
    })()
    await subscription.caughtUp
    this.unfollow = followLog(this.store, this)
  }

  async stop(): Promise<void> {
    this.unfollow?.()
    await this.subscription?.close()
  }

  /** Called after each event is applied, before anyone waiting for it is answered. */
  onApplied(listener: (event: RecordedEvent) => void): void {
    this.listeners.push(listener)
  }

  waitFor(position: bigint): Promise<void> {
    if (this.positionValue >= position) return Promise.resolve()
    return new Promise((resolve) => this.waiters.push({ position, resolve }))
  }

  /** The subscription and the catch-up before a request both read in log order: whichever comes first applies. */
  offer(event: RecordedEvent): void {
    if (event.position <= this.positionValue) return
    this.apply(event)
    this.positionValue = event.position
    for (const listener of this.listeners) listener(event)
    this.release()
  }

  reached(position: bigint): void {
    if (position <= this.positionValue) return
    this.positionValue = position
    this.release()
  }

  private release(): void {
    const ready = this.waiters.filter((w) => w.position <= this.positionValue)
    this.waiters = this.waiters.filter((w) => w.position > this.positionValue)
    for (const waiter of ready) waiter.resolve()
  }
}
