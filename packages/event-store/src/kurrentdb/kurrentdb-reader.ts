import {
  BACKWARDS,
  END,
  FORWARDS,
  type KurrentDBClient,
  type ReadPosition,
  type ReadRevision,
  START,
} from '@kurrent/kurrentdb-client'
import type { ReadAllOptions, ReadStreamOptions, RecordedEvent } from '../port.js'
import {
  backoffMs,
  isInvalidPosition,
  isStreamNotFound,
  isTransient,
  retryTransient,
  sleep,
} from './kurrentdb-errors.js'
import { fromKurrentRecord } from './kurrentdb-events.js'
import { isVisible, planFilter, visibleOnly } from './kurrentdb-filters.js'
import { readStartsAfter, toPortPosition, toReadPosition } from './kurrentdb-positions.js'
import type { PositionAnchors } from './position-anchors.js'

const attempts = 4
const headPage = 32

/**
 * Reads in pages of at most `pageSize` events, so no read asks the server for more than it needs. A read
 * that fails for a transient reason resumes right after the last event it received.
 */
export class KurrentDbReader {
  constructor(
    private readonly client: KurrentDBClient,
    private readonly anchors: PositionAnchors,
    private readonly pageSize: number,
  ) {}

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncGenerator<RecordedEvent> {
    const backwards = options.direction === 'backwards'
    let remaining = options.max ?? Number.POSITIVE_INFINITY
    let from: ReadRevision = options.fromRevision ?? (backwards ? END : START)
    let attempt = 0
    while (remaining > 0) {
      const count = Math.min(remaining, this.pageSize)
      let got = 0
      try {
        const direction = backwards ? BACKWARDS : FORWARDS
        for await (const { event } of this.client.readStream(stream, {
          fromRevision: from,
          direction,
          maxCount: count,
        })) {
          if (!event) continue
          got += 1
          from = backwards ? event.revision - 1n : event.revision + 1n
          if (event.type.startsWith('$')) continue
          const recorded = fromKurrentRecord(event)
          this.anchors.note(recorded.position)
          remaining -= 1
          yield recorded
        }
      } catch (error) {
        if (isStreamNotFound(error)) return
        attempt += 1
        if (attempt >= attempts || !isTransient(error)) throw error
        await sleep(backoffMs(attempt))
        continue
      }
      attempt = 0
      if (got < count || (typeof from === 'bigint' && from < 0n)) return
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncGenerator<RecordedEvent> {
    const plan = planFilter(options.filter)
    if (!plan) return
    const after = options.afterPosition ?? 0n
    const starts = readStartsAfter(after, this.anchors.atOrBefore(after))
    let from = starts.shift() as ReadPosition
    let cursor = after
    let started = false
    let remaining = options.max ?? Number.POSITIVE_INFINITY
    let attempt = 0
    while (remaining > 0) {
      const count = Math.min(this.pageSize, remaining + 1)
      let got = 0
      try {
        for await (const { event } of this.client.readAll({
          fromPosition: from,
          maxCount: count,
          filter: plan.server,
        })) {
          got += 1
          started = true
          if (!event) continue
          const position = event.position.commit
          if (position <= cursor) continue
          cursor = position
          this.anchors.note(position)
          if (options.untilPosition !== undefined && position > options.untilPosition) return
          if (!plan.keep(event.streamId, event.type)) continue
          remaining -= 1
          yield fromKurrentRecord(event)
          if (remaining === 0) return
        }
      } catch (error) {
        if (!started && starts.length > 0 && isInvalidPosition(error)) {
          from = starts.shift() as ReadPosition
          continue
        }
        attempt += 1
        if (attempt >= attempts || !isTransient(error)) throw error
        await sleep(backoffMs(attempt))
        if (started) from = toReadPosition(cursor)
        continue
      }
      attempt = 0
      if (got < count) return
      from = toReadPosition(cursor)
    }
  }

  /** The position of the newest event the port may read (0n when there is none). */
  headPosition(): Promise<bigint> {
    return retryTransient(async () => {
      let from: ReadPosition = END
      for (;;) {
        let got = 0
        const page = this.client.readAll({
          direction: BACKWARDS,
          fromPosition: from,
          maxCount: headPage,
          filter: visibleOnly(),
        })
        for await (const { event } of page) {
          got += 1
          if (!event) continue
          if (isVisible(event.streamId, event.type)) {
            const position = toPortPosition(event.position, event.id)
            this.anchors.note(position)
            return position
          }
          from = event.position
        }
        if (got < headPage) return 0n
      }
    })
  }

  /** The position of an event just appended, read from the leader that acknowledged it. */
  positionOf(stream: string, revision: bigint): Promise<bigint> {
    return retryTransient(async () => {
      const read = this.client.readStream(stream, {
        fromRevision: revision,
        maxCount: 1,
        requiresLeader: true,
      })
      for await (const { event } of read) {
        if (event) return toPortPosition(event.position, event.id)
      }
      throw new Error(`Event ${revision} of ${stream} was appended but cannot be read back`)
    })
  }

  async lastRevision(stream: string): Promise<bigint | undefined> {
    try {
      return await retryTransient(async () => {
        const read = this.client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })
        for await (const { event } of read) return event?.revision
        return undefined
      })
    } catch (error) {
      if (isStreamNotFound(error)) return undefined
      throw error
    }
  }
}
