import type { RecordedEvent, Subscription } from './port.js'

export interface PullPage {
  events: readonly RecordedEvent[]
  /**
   * How far the read looked when it found fewer events than a page holds: the cursor may move there even if
   * no event matched (a filtered read then never scans the same stretch of the log again).
   */
  scannedTo?: bigint
}

export interface PullSource {
  /** The next events after the cursor (a position or a revision, as the source defines it), in order. */
  readPage(after: bigint): Promise<PullPage>
  cursorOf(event: RecordedEvent): bigint
  /** Resolves when the store may have new events, or when `signal` aborts. */
  waitForAppend(seen: number, signal: AbortSignal): Promise<void>
  /** A counter that changes on every append, read before each page so no append can slip between. */
  appendCount(): number
}

/**
 * A catch-up subscription built on repeated reads after a cursor. Because every read starts right after the
 * last event delivered, the switch from catch-up to live can neither skip nor repeat an event.
 */
export class PullSubscription implements Subscription {
  readonly caughtUp: Promise<void>
  private markCaughtUp!: () => void
  private readonly abort = new AbortController()
  private started = false

  constructor(
    private readonly source: PullSource,
    private cursor: bigint,
    private readonly onClose: () => void = () => {},
  ) {
    this.caughtUp = new Promise((resolve) => {
      this.markCaughtUp = resolve
    })
  }

  async close(): Promise<void> {
    this.abort.abort()
    this.markCaughtUp()
    this.onClose()
  }

  [Symbol.asyncIterator](): AsyncIterator<RecordedEvent> {
    if (this.started) throw new Error('A subscription can be iterated only once')
    this.started = true
    return this.run()
  }

  private async *run(): AsyncGenerator<RecordedEvent> {
    const { signal } = this.abort
    try {
      while (!signal.aborted) {
        const seen = this.source.appendCount()
        const { events, scannedTo } = await this.source.readPage(this.cursor)
        for (const event of events) {
          if (signal.aborted) return
          this.cursor = this.source.cursorOf(event)
          yield event
        }
        if (scannedTo !== undefined && scannedTo > this.cursor) this.cursor = scannedTo
        if (events.length === 0) {
          this.markCaughtUp()
          await this.source.waitForAppend(seen, signal)
        }
      }
    } finally {
      await this.close()
    }
  }
}
