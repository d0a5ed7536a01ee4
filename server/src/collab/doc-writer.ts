import { createEvent, DocRestored, DocUpdated, docStream, type EventMetadata } from '@rembuk/domain'
import { type EventStore, WrongExpectedRevisionError } from '@rembuk/event-store'
import * as Y from 'yjs'

export type Actor = Pick<EventMetadata, 'actorId' | 'actorName' | 'schoolId'>

/** Consecutive updates of one actor, to be merged into one event. */
interface Run {
  actor: Actor
  updates: Uint8Array[]
}

export interface DocWriterOptions {
  docId: string
  store: EventStore
  /** The revision the stream is at (undefined: no events yet). */
  revision: bigint | undefined
  /** Events stored since the newest snapshot. */
  sinceSnapshot: number
  flushMs: number
  snapshotEvery: number
  onSnapshotDue(revision: bigint): void
  /** Another writer appended to the stream: apply its events and return the revision now reached. */
  catchUp(after: bigint | undefined): Promise<bigint | undefined>
  onError(error: unknown, pendingUpdates: number): void
}

const maxRetryDelayMs = 5_000

/**
 * Every document flushes on the same clock ticks (multiples of `flushMs`), so their appends reach the store
 * in the same turn of the event loop and share one commit. No update waits longer than `flushMs`.
 */
export function untilNextFlushTick(flushMs: number, now = Date.now()): number {
  return flushMs > 0 ? flushMs - (now % flushMs) : 0
}

/**
 * Appends a document's updates to its stream: consecutive updates of the same actor are merged into one
 * DocUpdated event, and nothing waits longer than `flushMs` between arriving here and its durable append.
 * A run of one actor is never merged across another actor's update, so every stored revision is a state in
 * which each update's causes come before it.
 */
export class DocWriter {
  private runs: Run[] = []
  private timer: NodeJS.Timeout | undefined
  private writing: Promise<void> | undefined
  private failures = 0
  private revisionValue: bigint | undefined
  private sinceSnapshot: number

  constructor(private readonly options: DocWriterOptions) {
    this.revisionValue = options.revision
    this.sinceSnapshot = options.sinceSnapshot
  }

  get revision(): bigint | undefined {
    return this.revisionValue
  }

  get pendingUpdates(): number {
    return this.runs.reduce((sum, run) => sum + run.updates.length, 0)
  }

  enqueue(actor: Actor, update: Uint8Array): void {
    const last = this.runs[this.runs.length - 1]
    if (last && last.actor.actorId === actor.actorId) last.updates.push(update)
    else this.runs.push({ actor, updates: [update] })
    this.schedule(untilNextFlushTick(this.options.flushMs))
  }

  /** Resolves once every update enqueued before the call is durable; rejects when the store fails. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing.catch(() => undefined)
    if (this.runs.length === 0) return
    clearTimeout(this.timer)
    this.timer = undefined
    this.writing = this.write()
    try {
      await this.writing
      this.failures = 0
    } finally {
      this.writing = undefined
      if (this.runs.length > 0) this.schedule(this.retryDelay())
    }
  }

  /**
   * Stores a restore as an event of its own (DocRestored), after everything enqueued before it, and answers
   * its revision. The caller applies `update` to the live document once it is stored.
   */
  async appendRestore(actor: Actor, update: Uint8Array, restoredRevision: number): Promise<bigint> {
    await this.flush()
    while (this.writing) await this.writing.catch(() => undefined)
    const { docId, store } = this.options
    const event = createEvent(
      DocRestored,
      { docId, restoredRevision, bytes: update.byteLength },
      actor,
      update,
    )
    const appending = store.append(docStream(docId), [event], this.revisionValue ?? 'no_stream')
    this.writing = appending.then(() => undefined)
    try {
      const result = await appending
      this.revisionValue = result.nextExpectedRevision
      this.countStored(1)
      return result.nextExpectedRevision
    } finally {
      this.writing = undefined
      if (this.runs.length > 0) this.schedule(untilNextFlushTick(this.options.flushMs))
    }
  }

  /** Applies whatever other writers stored since this one's revision, and moves its revision to the head. */
  async catchUpToHead(): Promise<void> {
    this.revisionValue = await this.options.catchUp(this.revisionValue)
  }

  /** Stops the timer; whatever is still pending stays for a last `flush()`. */
  stop(): void {
    clearTimeout(this.timer)
    this.timer = undefined
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.writing) return
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.flush().catch((error: unknown) => {
        this.failures += 1
        this.options.onError(error, this.pendingUpdates)
      })
    }, delayMs)
  }

  private retryDelay(): number {
    return this.failures === 0
      ? untilNextFlushTick(this.options.flushMs)
      : Math.min(maxRetryDelayMs, 50 * 2 ** this.failures)
  }

  private async write(): Promise<void> {
    const { docId, store } = this.options
    const batch = this.runs
    this.runs = []
    try {
      const events = batch.map(({ actor, updates }) => {
        const merged = updates.length === 1 ? (updates[0] as Uint8Array) : Y.mergeUpdates(updates)
        return createEvent(
          DocUpdated,
          { docId, updates: updates.length, bytes: merged.byteLength },
          actor,
          merged,
        )
      })
      let result: Awaited<ReturnType<EventStore['append']>>
      try {
        result = await store.append(docStream(docId), events, this.revisionValue ?? 'no_stream')
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error
        this.revisionValue = await this.options.catchUp(this.revisionValue)
        result = await store.append(docStream(docId), events, this.revisionValue ?? 'no_stream')
      }
      this.revisionValue = result.nextExpectedRevision
      this.countStored(events.length)
    } catch (error) {
      this.runs = [...batch, ...this.runs]
      throw error
    }
  }

  private countStored(events: number): void {
    this.sinceSnapshot += events
    if (this.sinceSnapshot >= this.options.snapshotEvery && this.revisionValue !== undefined) {
      this.sinceSnapshot = 0
      this.options.onSnapshotDue(this.revisionValue)
    }
  }
}
