/**
 * Wakes live subscriptions after an append in this process, and every `pollIntervalMs` in case another
 * process sharing the file has appended.
 */
export class AppendSignal {
  count = 0
  private waiters = new Set<() => void>()

  constructor(private readonly pollIntervalMs: number) {}

  notify(): void {
    this.count += 1
    const waiting = this.waiters
    this.waiters = new Set()
    for (const wake of waiting) wake()
  }

  wait(seen: number, signal: AbortSignal): Promise<void> {
    if (this.count !== seen || signal.aborted) return Promise.resolve()
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        signal.removeEventListener('abort', done)
        this.waiters.delete(done)
        resolve()
      }
      const timer = setTimeout(done, this.pollIntervalMs)
      signal.addEventListener('abort', done, { once: true })
      this.waiters.add(done)
    })
  }

  close(): void {
    this.notify()
  }
}
