import { randomUUID } from 'node:crypto'
import type { EventMetadata } from '@rembuk/domain'
import type Database from 'better-sqlite3'
import { assertValidAppend, eventJson, satisfiesExpected } from '../append-rules.js'
import {
  CheckpointConflictError,
  InvalidAppendError,
  StoreClosedError,
  WrongExpectedRevisionError,
} from '../errors.js'
import type {
  AppendResult,
  EventFilter,
  EventStore,
  ExpectedRevision,
  JsonValue,
  NewEvent,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from '../port.js'
import { type PullPage, PullSubscription } from '../pull-subscription.js'
import { AppendSignal } from './append-signal.js'
import { openDatabase } from './open-database.js'
import { RecentAppends } from './recent-appends.js'
import { WalSync } from './wal-sync.js'

interface EventRow {
  position: number
  id: string
  stream_id: string
  revision: number
  type: string
  data: string
  payload: Buffer | null
  metadata: string
  created: number
}

export interface SqliteEventStoreOptions {
  /** How often a live subscription looks for events written by another process sharing the file. */
  pollIntervalMs?: number
  /** Rows per read; reads page so that a slow consumer never holds the database. */
  pageSize?: number
}

const maxRows = Number.MAX_SAFE_INTEGER

interface QueuedAppend {
  stream: string
  rows: PreparedEvent[]
  expected: ExpectedRevision
  resolve(result: AppendResult): void
  reject(error: unknown): void
}

type AppendOutcome = { ok: true; result: AppendResult } | { ok: false; error: unknown }

export class SqliteEventStore implements EventStore {
  readonly kind = 'sqlite'
  private readonly signal: AppendSignal
  private readonly pageSize: number
  private readonly statements
  private readonly filteredReads = new Map<string, Database.Statement>()
  private readonly appendTransaction
  private readonly groupTransaction
  private queued: QueuedAppend[] = []
  private readonly subscriptions = new Set<Subscription>()
  private closed = false

  static open(file: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    return new SqliteEventStore(openDatabase(file), options, file === ':memory:' ? undefined : `${file}-wal`)
  }

  private readonly walSync: WalSync
  private readonly recent: RecentAppends

  private constructor(
    private readonly db: Database.Database,
    options: SqliteEventStoreOptions,
    walFile: string | undefined,
  ) {
    this.walSync = new WalSync(walFile)
    this.recent = new RecentAppends(db)
    this.signal = new AppendSignal(options.pollIntervalMs ?? 250)
    this.pageSize = options.pageSize ?? 500
    this.statements = {
      currentRevision: db.prepare<[string], { revision: number }>(
        'SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1',
      ),
      insert: db.prepare(
        `INSERT INTO events (id, stream_id, revision, type, data, payload, metadata, created)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      idExists: db.prepare<[string], { found: number }>('SELECT 1 AS found FROM events WHERE id = ?'),
      forwards: db.prepare<[string, number, number], EventRow>(
        'SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision ASC LIMIT ?',
      ),
      backwards: db.prepare<[string, number, number], EventRow>(
        'SELECT * FROM events WHERE stream_id = ? AND revision <= ? ORDER BY revision DESC LIMIT ?',
      ),
      head: db.prepare<[], { position: number | null }>('SELECT MAX(position) AS position FROM events'),
      readCheckpoint: db.prepare<[string], { position: number }>(
        'SELECT position FROM checkpoints WHERE subscriber_id = ?',
      ),
      insertCheckpoint: db.prepare(
        'INSERT INTO checkpoints (subscriber_id, position, updated) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      ),
      updateCheckpoint: db.prepare(
        'UPDATE checkpoints SET position = ?, updated = ? WHERE subscriber_id = ? AND position = ?',
      ),
    }
    this.appendTransaction = db.transaction(
      (stream: string, rows: PreparedEvent[], expected: ExpectedRevision): AppendResult => {
        const current = this.currentRevision(stream)
        if (!satisfiesExpected(expected, current))
          throw new WrongExpectedRevisionError(stream, expected, current)
        let revision = current ?? -1n
        let position = 0n
        const created = Date.now()
        for (const row of rows) {
          if (this.statements.idExists.get(row.id)) {
            throw new InvalidAppendError(`Event id ${row.id} is already stored`)
          }
          revision += 1n
          const info = this.statements.insert.run(
            row.id,
            stream,
            revision,
            row.type,
            row.data,
            row.payload,
            row.metadata,
            created,
          )
          position = BigInt(info.lastInsertRowid)
        }
        return { nextExpectedRevision: revision, position }
      },
    )
    // Each append runs in a savepoint of its own: a failed one is rolled back alone.
    this.groupTransaction = db.transaction((batch: QueuedAppend[]): AppendOutcome[] =>
      batch.map(({ stream, rows, expected }) => {
        try {
          return { ok: true, result: this.appendTransaction(stream, rows, expected) }
        } catch (error) {
          return { ok: false, error }
        }
      }),
    )
  }

  async append(
    stream: string,
    events: readonly NewEvent[],
    expected: ExpectedRevision,
  ): Promise<AppendResult> {
    this.assertOpen()
    assertValidAppend(stream, events)
    const rows = events.map(prepareEvent)
    return new Promise<AppendResult>((resolve, reject) => {
      this.queued.push({ stream, rows, expected, resolve, reject })
      if (this.queued.length === 1) setImmediate(() => this.commitQueued())
    })
  }

  /**
   * Group commit: the appends made in one turn of the event loop are stored in one transaction, and one flush
   * of the log to disk (off the event loop) serves them all. Each append keeps its own revision check and
   * fails alone; none is acknowledged, nor shown to live subscriptions, before it is on disk.
   */
  private commitQueued(): void {
    const batch = this.queued
    this.queued = []
    if (batch.length === 0) return
    let outcomes: AppendOutcome[]
    let commit: number
    try {
      if (this.closed) throw new StoreClosedError()
      outcomes = this.groupTransaction.immediate(batch)
      commit = this.walSync.commit()
      outcomes.forEach((outcome, index) => {
        if (!outcome.ok) return
        const { stream, rows } = batch[index] as QueuedAppend
        rows.forEach((row, i) => {
          this.recent.record(outcome.result.position - BigInt(rows.length - 1 - i), stream, row.type)
        })
      })
    } catch (error) {
      for (const append of batch) append.reject(error)
      return
    }
    this.walSync.durable(commit).then(
      () => {
        this.signal.notify()
        outcomes.forEach((outcome, index) => {
          const append = batch[index] as QueuedAppend
          if (outcome.ok) append.resolve(outcome.result)
          else append.reject(outcome.error)
        })
      },
      (error: unknown) => {
        for (const append of batch) append.reject(error)
      },
    )
  }

  async *readStream(stream: string, options: ReadStreamOptions = {}): AsyncIterable<RecordedEvent> {
    const backwards = options.direction === 'backwards'
    let remaining = options.max ?? maxRows
    let from = options.fromRevision ?? (backwards ? BigInt(maxRows) : 0n)
    while (remaining > 0) {
      this.assertOpen()
      const limit = Math.min(remaining, this.pageSize)
      const statement = backwards ? this.statements.backwards : this.statements.forwards
      const rows = statement.all(stream, Number(from), limit)
      for (const row of rows) yield toRecorded(row)
      if (rows.length < limit) return
      remaining -= rows.length
      const last = rows[rows.length - 1] as EventRow
      from = BigInt(last.revision) + (backwards ? -1n : 1n)
      if (from < 0n) return
    }
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    let remaining = options.max ?? maxRows
    let after = options.afterPosition ?? 0n
    while (remaining > 0) {
      const limit = Math.min(remaining, this.pageSize)
      const rows = this.readAllPage(after, options.untilPosition, limit, options.filter)
      for (const row of rows) yield toRecorded(row)
      if (rows.length < limit) return
      remaining -= rows.length
      after = BigInt((rows[rows.length - 1] as EventRow).position)
    }
  }

  subscribe(options: SubscribeOptions = {}): Subscription {
    this.assertOpen()
    const { stream, filter } = options
    const readPage = stream
      ? async (after: bigint) => ({
          events: this.statements.forwards.all(stream, Number(after + 1n), this.pageSize).map(toRecorded),
        })
      : async (after: bigint) => this.readFilteredPage(after, filter)
    const subscription = new PullSubscription(
      {
        readPage,
        cursorOf: (event) => (stream ? event.revision : event.position),
        appendCount: () => this.signal.count,
        waitForAppend: (seen, signal) => this.signal.wait(seen, signal),
      },
      stream ? (options.afterRevision ?? -1n) : (options.afterPosition ?? 0n),
      () => this.subscriptions.delete(subscription),
    )
    this.subscriptions.add(subscription)
    return subscription
  }

  async streamRevision(stream: string): Promise<bigint | undefined> {
    this.assertOpen()
    return this.currentRevision(stream)
  }

  async headPosition(): Promise<bigint> {
    this.assertOpen()
    return BigInt(this.statements.head.get()?.position ?? 0)
  }

  async readCheckpoint(subscriberId: string): Promise<bigint | undefined> {
    this.assertOpen()
    const row = this.statements.readCheckpoint.get(subscriberId)
    return row ? BigInt(row.position) : undefined
  }

  async storeCheckpoint(subscriberId: string, position: bigint, expected: bigint | undefined): Promise<void> {
    this.assertOpen()
    const now = Date.now()
    const changed =
      expected === undefined
        ? this.statements.insertCheckpoint.run(subscriberId, position, now).changes
        : this.statements.updateCheckpoint.run(position, now, subscriberId, expected).changes
    if (changed === 0) {
      throw new CheckpointConflictError(subscriberId, expected, await this.readCheckpoint(subscriberId))
    }
  }

  async close(): Promise<void> {
    if (this.closed) return
    this.commitQueued()
    this.closed = true
    await Promise.all([...this.subscriptions].map((subscription) => subscription.close()))
    await this.walSync.close()
    this.signal.close()
    this.db.close()
  }

  private currentRevision(stream: string): bigint | undefined {
    const row = this.statements.currentRevision.get(stream)
    return row ? BigInt(row.revision) : undefined
  }

  /**
   * One page of a subscription to the log: a short page also answers the head position read in the same
   * transaction, so that a rarely matching filter moves on instead of scanning the same events again.
   */
  private readFilteredPage(after: bigint, filter: EventFilter | undefined): PullPage {
    const head = this.recent.headIfNothingAfter(after, filter)
    if (head !== undefined) return { events: [], scannedTo: head }
    return this.db.transaction(() => {
      const events = this.readAllPage(after, undefined, this.pageSize, filter).map(toRecorded)
      if (events.length >= this.pageSize) return { events }
      const head = this.statements.head.get()?.position
      return head === null || head === undefined ? { events } : { events, scannedTo: BigInt(head) }
    })()
  }

  private readAllPage(
    after: bigint,
    until: bigint | undefined,
    limit: number,
    filter?: EventFilter,
  ): EventRow[] {
    this.assertOpen()
    const clauses = ['position > ?']
    const params: (string | number | bigint)[] = [after]
    if (until !== undefined) {
      clauses.push('position <= ?')
      params.push(until)
    }
    for (const [column, prefixes] of [
      ['stream_id', filter?.streamPrefixes],
      ['type', filter?.typePrefixes],
    ] as const) {
      if (!prefixes) continue
      if (prefixes.length === 0) return []
      clauses.push(`(${prefixes.map(() => `substr(${column}, 1, ?) = ?`).join(' OR ')})`)
      for (const prefix of prefixes) params.push(prefix.length, prefix)
    }
    const sql = `SELECT * FROM events WHERE ${clauses.join(' AND ')} ORDER BY position ASC LIMIT ?`
    let statement = this.filteredReads.get(sql)
    if (!statement) {
      statement = this.db.prepare(sql)
      this.filteredReads.set(sql, statement)
    }
    return statement.all(...params, limit) as EventRow[]
  }

  private assertOpen(): void {
    if (this.closed) throw new StoreClosedError()
  }
}

interface PreparedEvent {
  id: string
  type: string
  data: string
  payload: Buffer | null
  metadata: string
}

function prepareEvent(event: NewEvent): PreparedEvent {
  const { data, metadata } = eventJson(event)
  const payload = event.payload
    ? Buffer.from(event.payload.buffer, event.payload.byteOffset, event.payload.byteLength)
    : null
  return { id: event.id ?? randomUUID(), type: event.type, data, payload, metadata }
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    streamId: row.stream_id,
    revision: BigInt(row.revision),
    position: BigInt(row.position),
    type: row.type,
    data: JSON.parse(row.data) as JsonValue,
    payload: row.payload
      ? new Uint8Array(row.payload.buffer, row.payload.byteOffset, row.payload.byteLength)
      : null,
    metadata: JSON.parse(row.metadata) as EventMetadata,
    created: new Date(row.created),
  }
}
