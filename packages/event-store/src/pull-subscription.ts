import type { RecordedEvent, Subscription } from './port.js'

export interface PullSource {
  /** The next events after the cursor (a position or a revision, as the source defines it), in order. */
  readPage(after: bigint): Promise<readonly RecordedEvent[]>
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
        const page = await this.source.readPage(this.cursor)
        if (page.length === 0) {
          this.markCaughtUp()
          await this.source.waitForAppend(seen, signal)
          continue
        }
        for (const event of page) {
          if (signal.aborted) return
          this.cursor = this.source.cursorOf(event)
          yield event
        }
      }
    } finally {
      await this.close()
    }
  }
}
