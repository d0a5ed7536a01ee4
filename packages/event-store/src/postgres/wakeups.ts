import { matchesFilter } from '../append-rules.js'
import type { EventFilter } from '../port.js'
import type { AppendNotice } from './append-notice.js'

/** Tells one subscription that it may have new events to read. */
export class Wakeup {
  /** Changes on every wake; a subscription reads it before each page, so no wake can slip between. */
  count = 0
  private waiters = new Set<() => void>()

  constructor(
    readonly stream: string | undefined,
    private readonly filter: EventFilter | undefined,
  ) {}

  /** Whether an append with this notice may have stored events this (whole-log) subscription wants. */
  concerns({ stream, types }: AppendNotice): boolean {
    const { streamPrefixes, typePrefixes } = this.filter ?? {}
    if (!matchesFilter({ streamPrefixes }, stream, '')) return false
    return !typePrefixes || !types || types.some((type) => matchesFilter({ typePrefixes }, stream, type))
  }

  wake(): void {
    this.count += 1
    const waiting = this.waiters
    this.waiters = new Set()
    for (const resolve of waiting) resolve()
  }

  /** Resolves on the next wake after `seen`, after `timeoutMs`, or when `signal` aborts. */
  wait(seen: number, signal: AbortSignal, timeoutMs: number): Promise<void> {
    if (this.count !== seen || signal.aborted) return Promise.resolve()
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer)
        signal.removeEventListener('abort', done)
        this.waiters.delete(done)
        resolve()
      }
      const timer = setTimeout(done, timeoutMs)
      signal.addEventListener('abort', done, { once: true })
      this.waiters.add(done)
    })
  }
}

/**
 * The open subscriptions of one store, found from an append notice without looking at the others: those of
 * one stream by its id, those of the whole log by their filters.
 */
export class Wakeups {
  private readonly ofStream = new Map<string, Set<Wakeup>>()
  private readonly ofLog = new Set<Wakeup>()

  add(stream: string | undefined, filter: EventFilter | undefined): Wakeup {
    const wakeup = new Wakeup(stream, filter)
    if (stream === undefined) {
      this.ofLog.add(wakeup)
    } else {
      const wakeups = this.ofStream.get(stream) ?? new Set()
      wakeups.add(wakeup)
      this.ofStream.set(stream, wakeups)
    }
    return wakeup
  }

  remove(wakeup: Wakeup): void {
    if (wakeup.stream === undefined) {
      this.ofLog.delete(wakeup)
      return
    }
    const wakeups = this.ofStream.get(wakeup.stream)
    wakeups?.delete(wakeup)
    if (wakeups?.size === 0) this.ofStream.delete(wakeup.stream)
  }

  deliver(notice: AppendNotice): void {
    for (const wakeup of this.ofStream.get(notice.stream) ?? []) wakeup.wake()
    for (const wakeup of this.ofLog) if (wakeup.concerns(notice)) wakeup.wake()
  }

  wakeAll(): void {
    for (const wakeups of this.ofStream.values()) for (const wakeup of wakeups) wakeup.wake()
    for (const wakeup of this.ofLog) wakeup.wake()
  }
}
