import {
  type AllStreamResolvedEvent,
  type KurrentDBClient,
  type ResolvedEvent,
  START,
} from '@kurrent/kurrentdb-client'
import type { RecordedEvent } from '../port.js'
import { fromKurrentRecord } from './kurrentdb-events.js'
import type { FilterPlan } from './kurrentdb-filters.js'
import { toReadPosition } from './kurrentdb-positions.js'
import type { PositionAnchors } from './position-anchors.js'

/** The parts of the client's catch-up subscription (a readable stream) that are used here. */
export interface LiveFeed {
  on(event: string, listener: (...args: unknown[]) => void): unknown
  pause(): unknown
  resume(): unknown
  readonly readableLength: number
  unsubscribe(): Promise<void>
}

export interface Delivery {
  /** Where the delivery stands: a position of `$all`, or a revision of the one stream. */
  cursor: bigint
  /** The event, when the subscriber wants it. */
  event?: RecordedEvent
}

export interface FeedSource {
  /** A catch-up subscription to the events after `cursor` (exclusive). */
  open(cursor: bigint): LiveFeed
  decode(delivery: unknown): Delivery | undefined
  /** Where to open instead when the server refused `cursor` as the start of no record (undefined: nowhere). */
  startBefore(cursor: bigint): bigint | undefined
}

/** `$all` after a position, filtered on the server; its deliveries also serve as anchors for later reads. */
export function allEventsFeed(
  client: KurrentDBClient,
  plan: FilterPlan | undefined,
  anchors: PositionAnchors,
): FeedSource | undefined {
  if (!plan) return undefined
  return {
    open: (cursor) => client.subscribeToAll({ fromPosition: toReadPosition(cursor), filter: plan.server }),
    decode(delivery) {
      const { event, commitPosition } = delivery as AllStreamResolvedEvent
      if (!event) return commitPosition === undefined ? undefined : { cursor: commitPosition }
      const cursor = event.position.commit
      anchors.note(cursor)
      if (!plan.keep(event.streamId, event.type)) return { cursor }
      return { cursor, event: fromKurrentRecord(event) }
    },
    startBefore: (cursor) => (cursor > 0n ? (anchors.atOrBefore(cursor - 1n) ?? 0n) : undefined),
  }
}

/** One stream after a revision (-1n: from its first event). */
export function streamEventsFeed(client: KurrentDBClient, stream: string): FeedSource {
  return {
    open: (cursor) => client.subscribeToStream(stream, { fromRevision: cursor >= 0n ? cursor : START }),
    decode(delivery) {
      const { event } = delivery as ResolvedEvent
      if (!event) return undefined
      if (event.type.startsWith('$')) return { cursor: event.revision }
      return { cursor: event.revision, event: fromKurrentRecord(event) }
    },
    startBefore: () => undefined,
  }
}
