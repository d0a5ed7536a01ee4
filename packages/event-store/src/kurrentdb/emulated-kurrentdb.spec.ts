import {
  type AppendStreamState,
  type EventData,
  type Filter,
  NO_STREAM,
  type ReadPosition,
  type ReadRevision,
  StreamNotFoundError,
  WrongExpectedVersionError,
} from '@kurrent/kurrentdb-client'
import { EmulatedFeed, passes, type Row, toResolved } from './emulated-log.spec.js'

interface ReadOptions {
  direction?: string
  maxCount?: number | bigint
  filter?: Filter
}

const encode = (value: unknown) => new Uint8Array(Buffer.from(JSON.stringify(value)))
const systemEvent = (type: string, data: Record<string, unknown>): EventData => ({
  id: crypto.randomUUID(),
  contentType: 'application/json',
  type,
  data,
  metadata: undefined,
})

/**
 * A test double of the KurrentDB client with the server behaviour the adapter relies on: each event its own
 * position (byte offsets, so most numbers are no record's start), `$all` refusing to start inside a record,
 * forward reads inclusive, backward reads and subscriptions exclusive, regex filters, expected revisions,
 * idempotent re-appends, `$maxCount`, system events in the log. Named .spec.ts so the build leaves it out.
 */
export class EmulatedKurrentDb {
  readonly log: Row[] = []
  /** Reads and subscriptions refused for starting inside a record. */
  refusedStarts = 0
  private readonly streams = new Map<string, { rows: Row[]; maxCount?: number }>()
  private readonly feeds = new Set<EmulatedFeed>()
  private next = 1_000n

  constructor() {
    this.write('$stats-node', [systemEvent('$statsCollected', {})])
  }

  async appendToStream(
    stream: string,
    events: EventData | EventData[],
    options: { streamState?: AppendStreamState },
  ) {
    const batch = Array.isArray(events) ? events : [events]
    const rows = this.streams.get(stream)?.rows ?? []
    const current = rows.length > 0 ? BigInt(rows.length - 1) : undefined
    const state = options.streamState ?? 'any'
    // The same events appended again (a retry) are answered as the first time and not stored twice.
    const at =
      state === 'any'
        ? rows.findIndex((row) => row.id === batch[0]?.id)
        : typeof state === 'bigint'
          ? Number(state) + 1
          : state === NO_STREAM
            ? 0
            : -1
    if (at >= 0 && batch.every((event, i) => rows[at + i]?.id === event.id)) {
      return { success: true, nextExpectedRevision: BigInt(at + batch.length - 1) }
    }
    const expected =
      state === NO_STREAM
        ? current === undefined
        : state === 'stream_exists'
          ? current !== undefined
          : state === 'any' || current === state
    if (!expected) {
      const found: bigint | typeof NO_STREAM = current ?? NO_STREAM
      throw new WrongExpectedVersionError(undefined, { streamName: stream, expected: state, current: found })
    }
    const first = this.write(stream, batch)
    const last = BigInt((this.streams.get(stream)?.rows.length ?? 0) - 1)
    return { success: true, nextExpectedRevision: last, position: { commit: first, prepare: first } }
  }

  async setStreamMetadata(
    stream: string,
    metadata: { maxCount?: number },
    options: { expectedRevision?: unknown },
  ) {
    const meta = `$$${stream}`
    if (options.expectedRevision === NO_STREAM && this.streams.has(meta)) {
      throw new WrongExpectedVersionError(undefined, { streamName: meta, expected: NO_STREAM, current: 0n })
    }
    this.write(meta, [systemEvent('$metadata', metadata)])
    const target = this.streams.get(stream) ?? { rows: [] }
    this.streams.set(stream, { ...target, maxCount: metadata.maxCount })
  }

  async *readStream(stream: string, options: ReadOptions & { fromRevision?: ReadRevision } = {}) {
    const entry = this.streams.get(stream)
    if (!entry || entry.rows.length === 0) throw new StreamNotFoundError(undefined, stream)
    const kept = entry.rows.slice(
      entry.maxCount === undefined ? 0 : Math.max(0, entry.rows.length - entry.maxCount),
    )
    const from = options.fromRevision ?? 'start'
    const rows =
      options.direction === 'backwards'
        ? kept.filter((row) => typeof from !== 'bigint' || row.revision <= from).reverse()
        : kept.filter((row) => from === 'start' || (from !== 'end' && row.revision >= from))
    for (const row of rows.slice(0, Number(options.maxCount ?? rows.length))) yield toResolved(row)
  }

  async *readAll(options: ReadOptions & { fromPosition?: ReadPosition } = {}) {
    const from = options.fromPosition ?? 'start'
    const rows =
      options.direction === 'backwards'
        ? this.log.filter((row) => typeof from === 'string' || row.position < from.commit).reverse()
        : this.log.slice(typeof from === 'string' ? 0 : this.startIndex(from.commit))
    const matching = rows.filter((row) => passes(options.filter, row))
    for (const row of matching.slice(0, Number(options.maxCount ?? matching.length))) yield toResolved(row)
  }

  subscribeToAll(options: { fromPosition?: ReadPosition; filter?: Filter } = {}) {
    const from = options.fromPosition ?? 'start'
    const after = typeof from === 'string' ? 0n : from.commit
    const start = () => {
      this.startIndex(after)
      return this.log.findIndex((row) => row.position > after)
    }
    return this.feed(start, (row) => passes(options.filter, row))
  }

  subscribeToStream(stream: string, options: { fromRevision?: ReadRevision } = {}) {
    const after = typeof options.fromRevision === 'bigint' ? options.fromRevision : -1n
    const start = () => this.log.findIndex((row) => row.streamId === stream && row.revision > after)
    return this.feed(start, (row) => row.streamId === stream)
  }

  /** Every open subscription fails, as when its node goes away. */
  dropSubscriptions(error: Error): void {
    for (const feed of [...this.feeds]) feed.fail(error)
  }

  async dispose(): Promise<void> {}

  private feed(start: () => number, wanted: (row: Row) => boolean): EmulatedFeed {
    const feed = new EmulatedFeed(this.log, wanted, () => this.feeds.delete(feed))
    this.feeds.add(feed)
    setImmediate(() => {
      try {
        const index = start()
        feed.begin(index < 0 ? this.log.length : index)
      } catch (error) {
        feed.fail(error as Error)
      }
    })
    return feed
  }

  /** Where a read from `position` begins; 0n and positions past the end are fine, inside a record is not. */
  private startIndex(position: bigint): number {
    const last = this.log[this.log.length - 1]
    if (position <= 0n) return 0
    if (last && position > last.position) return this.log.length
    const index = this.log.findIndex((row) => row.position === position)
    if (index < 0) {
      this.refusedStarts += 1
      throw new Error('Trying to read from an invalid position.')
    }
    return index
  }

  private write(stream: string, batch: EventData[]): bigint {
    const entry = this.streams.get(stream) ?? { rows: [] }
    this.streams.set(stream, entry)
    const first = this.next
    for (const event of batch) {
      const isJson = event.contentType === 'application/json'
      const data = isJson ? encode(event.data) : new Uint8Array(event.data as Uint8Array)
      const metadata = event.metadata === undefined ? new Uint8Array(0) : encode(event.metadata)
      const revision = BigInt(entry.rows.length)
      const common = { id: event.id, streamId: stream, revision, type: event.type, created: new Date() }
      const row: Row = { ...common, isJson, data, metadata, position: this.next }
      entry.rows.push(row)
      this.log.push(row)
      this.next += BigInt(64 + data.length + metadata.length)
    }
    for (const feed of this.feeds) feed.pump()
    return first
  }
}
