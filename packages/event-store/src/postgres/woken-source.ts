import type { RecordedEvent } from '../port.js'
import type { PullPage, PullSource } from '../pull-subscription.js'
import type { Wakeup } from './wakeups.js'

export interface SubscriptionReads {
  /** One page after the cursor; `heldBack` when committed events still wait for an older transaction. */
  read(after: bigint): Promise<{ page: PullPage; heldBack: boolean }>
  cursorOf(event: RecordedEvent): bigint
}

const firstRetryMs = 100
const longestRetryMs = 2_000
const firstHeldBackMs = 5
const longestHeldBackMs = 250

/**
 * The source of one live subscription: it reads when its wakeup says it may have new events, and otherwise
 * every `safetyPollMs` in case a notice was lost. A read that fails is tried again (with growing pauses, or at
 * once when the store reconnects), so a fault never ends the subscription. While events wait for an older
 * transaction to end, which sends no notice when it is not an append, it looks again after a short pause.
 */
export class WokenSource implements PullSource {
  private heldBackMs = 0
  private readonly stopped = new AbortController()

  constructor(
    private readonly reads: SubscriptionReads,
    private readonly wakeup: Wakeup,
    private readonly safetyPollMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  cursorOf(event: RecordedEvent): bigint {
    return this.reads.cursorOf(event)
  }

  appendCount(): number {
    return this.wakeup.count
  }

  async readPage(after: bigint): Promise<PullPage> {
    let retryMs = firstRetryMs
    while (!this.stopped.signal.aborted) {
      try {
        const { page, heldBack } = await this.reads.read(after)
        this.heldBackMs = heldBack
          ? Math.min(Math.max(this.heldBackMs * 2, firstHeldBackMs), longestHeldBackMs)
          : 0
        return page
      } catch (error) {
        if (this.stopped.signal.aborted) break
        this.onError(error)
        await this.wakeup.wait(this.wakeup.count, this.stopped.signal, retryMs)
        retryMs = Math.min(retryMs * 2, longestRetryMs)
      }
    }
    return { events: [] }
  }

  waitForAppend(seen: number, signal: AbortSignal): Promise<void> {
    return this.wakeup.wait(seen, signal, this.heldBackMs || this.safetyPollMs)
  }

  stop(): void {
    this.stopped.abort()
  }
}
