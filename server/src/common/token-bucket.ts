/** Allows bursts of up to `perSecond` messages, refilled at `perSecond` a second. `now` is in milliseconds. */
export class TokenBucket {
  private tokens: number
  private updated: number

  constructor(
    private readonly perSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.tokens = perSecond
    this.updated = now()
  }

  take(): boolean {
    const now = this.now()
    this.tokens = Math.min(this.perSecond, this.tokens + ((now - this.updated) / 1000) * this.perSecond)
    this.updated = now
    if (this.tokens < 1) return false
    this.tokens -= 1
    return true
  }
}
