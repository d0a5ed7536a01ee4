import { Logger } from '@nestjs/common'
import type { EventStore, RecordedEvent, Subscription } from '@rembuk/event-store'

/**
 * Follows the streams under one prefix from the start of the log, then live, handing each event to `apply`.
 * `start` resolves once everything stored before it has been applied; `waitFor(position)` once the event at
 * that position has (a command waits here so that its answer reflects what it did, and what listeners did
 * about it).
 */
export class LiveProjection {
  private readonly logger: Logger
  private position = 0n
  private waiters: { position: bigint; resolve: () => void }[] = []
  private readonly listeners: ((event: RecordedEvent) => void)[] = []
  private subscription: Subscription | undefined

  constructor(
    name: string,
    private readonly store: EventStore,
    private readonly streamPrefix: string,
    private readonly apply: (event: RecordedEvent) => void,
  ) {
    this.logger = new Logger(name)
  }

  async start(): Promise<void> {
    const subscription = this.store.subscribe({ filter: { streamPrefixes: [this.streamPrefix] } })
    this.subscription = subscription
    void (async () => {
      try {
        for await (const event of subscription) this.handle(event)
      } catch (error) {
        this.logger.error({ err: error }, 'stopped following the log')
      }
    })()
    await subscription.caughtUp
  }

  async stop(): Promise<void> {
    await this.subscription?.close()
  }

  /** Called after each event is applied, before anyone waiting for it is answered. */
  onApplied(listener: (event: RecordedEvent) => void): void {
    this.listeners.push(listener)
  }

  /**
   * Applies at once whatever the log holds past this projection's position, without waiting for the
   * subscription: another replica may have appended it an instant ago.
   */
  async catchUp(): Promise<void> {
    const pending = this.store.readAll({
      afterPosition: this.position,
      filter: { streamPrefixes: [this.streamPrefix] },
    })
    for await (const event of pending) this.handle(event)
  }

  waitFor(position: bigint): Promise<void> {
    if (this.position >= position) return Promise.resolve()
    return new Promise((resolve) => this.waiters.push({ position, resolve }))
  }

  /** Both the subscription and `catchUp` read in log order from this position on: whichever comes first applies. */
  private handle(event: RecordedEvent): void {
    if (event.position <= this.position) return
    this.apply(event)
    this.position = event.position
    for (const listener of this.listeners) listener(event)
    const ready = this.waiters.filter((w) => w.position <= this.position)
    this.waiters = this.waiters.filter((w) => w.position > this.position)
    for (const waiter of ready) waiter.resolve()
  }
}
