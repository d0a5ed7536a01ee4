import type { EventMetadata, JsonValue } from '@rembuk/domain'

export type { JsonValue }

/**
 * What an append expects of the stream: `any` (no check), `no_stream` (it must not exist yet),
 * `stream_exists` (it must have at least one event), or the exact revision of its last event.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint

export interface NewEvent {
  /** A UUID; the store makes one when it is left out. An id can be stored only once. */
  id?: string
  type: string
  data: JsonValue
  payload?: Uint8Array
  metadata: EventMetadata
}

export interface RecordedEvent {
  id: string
  streamId: string
  /** 0 for the first event of a stream, then 1, 2, ... without gaps. */
  revision: bigint
  /** Increases with every event across the whole store; opaque otherwise (it need not start at 0 or 1). */
  position: bigint
  type: string
  data: JsonValue
  payload: Uint8Array | null
  metadata: EventMetadata
  /** When the store recorded the event. */
  created: Date
}

export interface AppendResult {
  /** The revision of the last event appended: pass it as `expected` to the next append. */
  nextExpectedRevision: bigint
  /** The position of the last event appended. */
  position: bigint
}

export interface ReadStreamOptions {
  /** Inclusive. Forwards defaults to the first event, backwards to the last. */
  fromRevision?: bigint
  direction?: 'forwards' | 'backwards'
  max?: number
}

/** Keeps an event when its stream starts with one of `streamPrefixes` and its type with one of `typePrefixes`. */
export interface EventFilter {
  streamPrefixes?: readonly string[]
  typePrefixes?: readonly string[]
}

export interface ReadAllOptions {
  /** Exclusive: events after this position. Defaults to the start of the log. */
  afterPosition?: bigint
  /** Inclusive upper bound: no event past this position is read (a consistent "as of" cut). */
  untilPosition?: bigint
  max?: number
  filter?: EventFilter
}

export interface SubscribeOptions {
  /** One stream: events after `afterRevision` (exclusive). Leave out for the whole log. */
  stream?: string
  afterRevision?: bigint
  /** The whole log: events after `afterPosition` (exclusive), usually a stored checkpoint. */
  afterPosition?: bigint
  filter?: EventFilter
}

/**
 * Delivers every matching event once, in order: first those already stored (catch-up), then new ones as
 * they are appended (live), with no gap and no duplicate at the switch.
 */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  /** Resolves once every event that was stored when the subscription started has been delivered. */
  readonly caughtUp: Promise<void>
  close(): Promise<void>
}

export interface EventStore {
  readonly kind: string
  append(stream: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult>
  readStream(stream: string, options?: ReadStreamOptions): AsyncIterable<RecordedEvent>
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>
  subscribe(options?: SubscribeOptions): Subscription
  /** The revision of the stream's last event, or undefined when the stream has none. */
  streamRevision(stream: string): Promise<bigint | undefined>
  /** The position of the newest event in the store (0n when it is empty). */
  headPosition(): Promise<bigint>
  readCheckpoint(subscriberId: string): Promise<bigint | undefined>
  /**
   * Compare-and-set: stores `position` only when the current checkpoint equals `expected` (undefined: none
   * stored yet); throws CheckpointConflictError otherwise.
   */
  storeCheckpoint(subscriberId: string, position: bigint, expected: bigint | undefined): Promise<void>
  close(): Promise<void>
}
