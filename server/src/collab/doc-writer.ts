import { StoredState } from '@rembuk/collab'
import { createEvent, DocRestored, DocUpdated, docStream, type EventMetadata } from '@rembuk/domain'
import { type EventStore, type NewEvent, WrongExpectedRevisionError } from '@rembuk/event-store'
import * as Y from 'yjs'

export type Actor = Pick<EventMetadata, 'actorId' | 'actorName' | 'schoolId'>

/**
 * Consecutive updates of one actor, to be merged into one event: made by this replica's clients (`own`), or
 * heard from another replica, which stores them itself (`peer`: stored here only if still missing later).
 */
interface Run {
  actor: Actor
  updates: Uint8Array[]
  /** How many updates arrived in it (they are merged into one when it is looked at for an append). */
  count: number
  own: boolean
  /** When its first update arrived. */
  arrived: number
  /** Looked at for an append under way: later updates start a run of their own. */
  sealed: boolean
}

export interface DocWriterOptions {
  docId: string
  store: EventStore
  /** What the stream holds, and its revision (undefined: no events yet). */
  stored: StoredState
  revision: bigint | undefined
  /** Events stored since the newest snapshot. */
  sinceSnapshot: number
  flushMs: number
  /** How long an update heard from another replica may stay missing from the stream before this one stores it. */
  peerGraceMs: number
  snapshotEvery: number
  onSnapshotDue(revision: bigint): void
  /** Another writer appended to the stream: read its events after `revision` and hand each to `record`. */
  catchUp(after: bigint | undefined): Promise<void>
  onError(error: unknown, pendingUpdates: number): void
}

const maxRetryDelayMs = 5_000
/** The least wait before looking again at updates heard from other replicas that are still due or waiting. */
const recheckMs = 50
/** Appends lost to other writers in one flush before it waits for the next. */
const maxConflicts = 5

/**
 * Every document flushes on the same clock ticks (multiples of `flushMs`), so their appends reach the store
 * in the same turn of the event loop and share one commit. No update waits longer than `flushMs`.
 */
export function untilNextFlushTick(flushMs: number, now = Date.now()): number {
  return flushMs > 0 ? flushMs - (now % flushMs) : 0
}

/**
 * Appends a document's updates to its stream, in the order the live document integrated them: consecutive
 * updates of one actor are merged into one DocUpdated event, never across another actor's update, and only
 * the part the stream lacks is appended, after its causes. Several replicas may write one stream: each append
 * expects the revision this writer last saw, and one that loses to another writer reads what that one stored
 * and appends what is still missing, so nothing is stored twice however the replicas race, pause or fail.
 */
export class DocWriter {
  private queue: Run[] = []
  private timer: NodeJS.Timeout | undefined
  private writing: Promise<void> | undefined
  private failures = 0
  private revisionValue: bigint | undefined
  private sinceSnapshot: number
  readonly stored: StoredState

  constructor(private readonly options: DocWriterOptions) {
    this.revisionValue = options.revision
    this.sinceSnapshot = options.sinceSnapshot
    this.stored = options.stored
  }

  get revision(): bigint | undefined {
    return this.revisionValue
  }

  /** Updates of this replica's clients that are not stored yet. */
  get pendingUpdates(): number {
    return this.queue.reduce((sum, run) => sum + (run.own ? run.count : 0), 0)
  }

  /** An update of one of this replica's clients. */
  enqueue(actor: Actor, update: Uint8Array): void {
    this.push(actor, update, true)
    this.schedule(untilNextFlushTick(this.options.flushMs))
  }

  /** An update another replica's client made: that replica stores it; this one only if it stays missing. */
  enqueuePeer(actor: Actor, update: Uint8Array): void {
    this.push(actor, update, false)
    this.schedule(this.options.peerGraceMs)
  }

  /**
   * Counts an event of the stream (appended here or by another writer) once, in revision order; false when it
   * was counted already.
   */
  record(revision: bigint, payload: Uint8Array | null): boolean {
    if (this.revisionValue !== undefined && revision <= this.revisionValue) return false
    if (payload) this.stored.add(payload)
    this.revisionValue = revision
    return true
  }

  /**
   * Resolves once every update of this replica's clients enqueued before the call is durable; with
   * `everything`, also those heard from other replicas that the stream still lacks. Rejects when the store fails.
   */
  async flush(everything = false): Promise<void> {
    while (this.writing) await this.writing.catch(() => undefined)
    if (this.queue.length === 0) return
    clearTimeout(this.timer)
    this.timer = undefined
    this.writing = this.write(everything)
    try {
      await this.writing
      this.failures = 0
    } catch (error) {
      this.failures += 1
      throw error
    } finally {
      this.writing = undefined
      this.scheduleRest()
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
      this.record(result.nextExpectedRevision, update)
      this.countStored(1)
      return result.nextExpectedRevision
    } finally {
      this.writing = undefined
      this.scheduleRest()
    }
  }

  /** Stops the timer; whatever is still pending stays for a last `flush()`. */
  stop(): void {
    clearTimeout(this.timer)
    this.timer = undefined
  }

  private push(actor: Actor, update: Uint8Array, own: boolean): void {
    const last = this.queue[this.queue.length - 1]
    if (last && !last.sealed && last.own === own && last.actor.actorId === actor.actorId) {
      last.updates.push(update)
      last.count += 1
    } else this.queue.push({ actor, updates: [update], count: 1, own, arrived: Date.now(), sealed: false })
  }

  private schedule(delayMs: number): void {
    if (this.timer || this.writing) return
    this.timer = setTimeout(() => {
      this.timer = undefined
      this.flush().catch((error: unknown) => this.options.onError(error, this.pendingUpdates))
    }, delayMs)
  }

  private scheduleRest(): void {
    if (this.queue.length === 0) return
    if (this.failures > 0) this.schedule(Math.min(maxRetryDelayMs, 50 * 2 ** this.failures))
    else if (this.queue.some((run) => run.own)) this.schedule(untilNextFlushTick(this.options.flushMs))
    else {
      const oldest = Math.min(...this.queue.map((run) => run.arrived))
      this.schedule(Math.max(recheckMs, oldest + this.options.peerGraceMs - Date.now()))
    }
  }

  private async write(everything: boolean): Promise<void> {
    const { docId, store } = this.options
    for (let conflicts = 0; ; conflicts++) {
      const { events, parts, settled } = this.nextAppend(everything)
      if (events.length === 0) {
        this.queue = this.queue.filter((run) => !settled.has(run))
        return
      }
      try {
        const result = await store.append(docStream(docId), events, this.revisionValue ?? 'no_stream')
        const first = result.nextExpectedRevision - BigInt(events.length - 1)
        parts.forEach((part, i) => {
          this.record(first + BigInt(i), part)
        })
        this.queue = this.queue.filter((run) => !settled.has(run))
        this.countStored(events.length)
        return
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || conflicts >= maxConflicts) throw error
        await this.options.catchUp(this.revisionValue)
      }
    }
  }

  /**
   * The events of the next append, in queue order: the part of each run the stream lacks. Runs heard from
   * other replicas go in once their grace has passed, or earlier when a later run needs them as its causes;
   * a run the stream already holds is settled without an event, and one still waiting for causes stays.
   */
  private nextAppend(everything: boolean): { events: NewEvent[]; parts: Uint8Array[]; settled: Set<Run> } {
    const { docId, peerGraceMs } = this.options
    const now = Date.now()
    const plan = this.stored.plan()
    const events: NewEvent[] = []
    const parts: Uint8Array[] = []
    const settled = new Set<Run>()
    let deferred: Run[] = []
    for (const run of this.queue) run.sealed = true
    const take = (run: Run): 'waiting' | 'done' => {
      const part = plan.take(mergedUpdate(run))
      if (part.kind === 'waiting') return 'waiting'
      settled.add(run)
      if (part.kind === 'new') {
        parts.push(part.update)
        events.push(
          createEvent(
            DocUpdated,
            { docId, updates: run.count, bytes: part.update.byteLength },
            run.actor,
            part.update,
          ),
        )
      }
      return 'done'
    }
    for (const run of this.queue) {
      const due = run.own || everything || now - run.arrived >= peerGraceMs
      if (!due) {
        if (plan.peek(mergedUpdate(run)).kind === 'stored') settled.add(run)
        else deferred.push(run)
        continue
      }
      if (take(run) === 'waiting' && deferred.length > 0) {
        for (const cause of deferred) take(cause)
        deferred = []
        take(run)
      }
    }
    return { events, parts, settled }
  }

  private countStored(events: number): void {
    this.sinceSnapshot += events
    if (this.sinceSnapshot >= this.options.snapshotEvery && this.revisionValue !== undefined) {
      this.sinceSnapshot = 0
      this.options.onSnapshotDue(this.revisionValue)
    }
  }
}

function mergedUpdate(run: Run): Uint8Array {
  if (run.updates.length > 1) run.updates = [Y.mergeUpdates(run.updates)]
  return run.updates[0] as Uint8Array
}
