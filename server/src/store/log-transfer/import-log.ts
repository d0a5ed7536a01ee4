import { isDeepStrictEqual } from 'node:util'
import type { EventMetadata } from '@rembuk/domain'
import type { EventStore, JsonValue, RecordedEvent } from '@rembuk/event-store'
import { ExportReader } from './export-reader.js'
import {
  batchSize,
  type EventLine,
  type ImportSinks,
  type ImportSummary,
  verifyChunk,
} from './transfer-format.js'

/**
 * Appends every event of an export to `store`, stream by stream in log order, each with the expected revision,
 * keeping ids, types, data, metadata and payloads. Events the target already holds are checked and skipped,
 * so an interrupted import runs again from the start; a different event at the same revision stops it.
 */
export async function importLog(
  store: EventStore,
  lines: AsyncIterable<string>,
  sinks: ImportSinks = {},
): Promise<ImportSummary> {
  const importer = new LogImporter(store, sinks)
  for await (const line of lines) await importer.take(line)
  return importer.finish()
}

class LogImporter {
  private readonly reader = new ExportReader()
  /** The target's last revision of each stream seen so far (undefined: no stream). */
  private readonly heads = new Map<string, bigint | undefined>()
  /** Streams the target held before this import, up to which revision. */
  private readonly held = new Map<string, bigint>()
  private readonly heldEvents = new Map<string, RecordedEvent[]>()
  private batch: { stream: string; events: EventLine[] } | undefined
  /** Events appended or found already there, whose recorded time is still to be put back. */
  private times: { id: string; created: Date }[] = []
  private appended = 0
  private skipped = 0

  constructor(
    private readonly store: EventStore,
    private readonly sinks: ImportSinks,
  ) {}

  async take(text: string): Promise<void> {
    const line = this.reader.read(text)
    const batch = this.batch
    if (
      batch &&
      (line.kind !== 'event' || line.streamId !== batch.stream || batch.events.length >= batchSize)
    ) {
      await this.flush()
    }
    switch (line.kind) {
      case 'event':
        return this.event(line)
      case 'credential': {
        const { kind: _, ...credentials } = line
        if (!(await this.accounts().save(credentials))) {
          throw new Error(`${line.email} already signs in another member of the target`)
        }
        return
      }
      case 'invitation': {
        const { kind: _, codeHash, expires, ...invitation } = line
        return this.accounts().saveInvitation(codeHash, { ...invitation, expires: new Date(expires) })
      }
      case 'snapshot':
        if (!this.sinks.snapshots)
          throw new Error('The export holds document snapshots: give a snapshot store')
        return this.sinks.snapshots.save({
          key: line.key,
          revision: BigInt(line.revision),
          state: Buffer.from(line.state, 'base64'),
        })
    }
  }

  async finish(): Promise<ImportSummary> {
    await this.flush()
    this.keepTimes()
    const { sha256, ...counts } = this.reader.finish()
    return { ...counts, appended: this.appended, skipped: this.skipped, sha256 }
  }

  private async event(line: EventLine): Promise<void> {
    const stream = line.streamId
    if (!this.heads.has(stream)) {
      const head = await this.store.streamRevision(stream)
      this.heads.set(stream, head)
      if (head !== undefined) this.held.set(stream, head)
    }
    const revision = BigInt(line.revision)
    const held = this.held.get(stream)
    if (held !== undefined && revision <= held) {
      await this.check(line, revision)
      this.skipped += 1
      this.times.push({ id: line.id, created: new Date(line.created) })
      if (this.times.length >= batchSize) this.keepTimes()
      return
    }
    this.batch ??= { stream, events: [] }
    this.batch.events.push(line)
  }

  private async check(line: EventLine, revision: bigint): Promise<void> {
    const cached = this.heldEvents.get(line.streamId)
    let found = cached?.[Number(revision - (cached[0]?.revision ?? revision))]
    if (found?.revision !== revision) {
      const events: RecordedEvent[] = []
      for await (const event of this.store.readStream(line.streamId, {
        fromRevision: revision,
        max: verifyChunk,
      })) {
        events.push(event)
      }
      this.heldEvents.set(line.streamId, events)
      found = events[0]
    }
    if (!found || found.revision !== revision || !sameEvent(found, line)) {
      throw new Error(
        `${line.streamId} already holds a different event at revision ${revision} (${found?.id ?? 'none'}, ` +
          `the export has ${line.id}): the target is not a copy of this log; nothing more was imported`,
      )
    }
    if (revision === this.held.get(line.streamId)) this.heldEvents.delete(line.streamId)
  }

  private async flush(): Promise<void> {
    const batch = this.batch
    if (!batch) return
    this.batch = undefined
    const result = await this.store.append(
      batch.stream,
      batch.events.map((line) => ({
        id: line.id,
        type: line.type,
        data: line.data as JsonValue,
        metadata: line.metadata as EventMetadata,
        ...(line.payload === null ? {} : { payload: Buffer.from(line.payload, 'base64') }),
      })),
      this.heads.get(batch.stream) ?? 'no_stream',
    )
    this.heads.set(batch.stream, result.nextExpectedRevision)
    this.appended += batch.events.length
    for (const line of batch.events) this.times.push({ id: line.id, created: new Date(line.created) })
    this.keepTimes()
  }

  private keepTimes(): void {
    if (this.times.length > 0) this.sinks.keepCreated?.(this.times)
    this.times = []
  }

  private accounts(): NonNullable<ImportSinks['accounts']> {
    if (!this.sinks.accounts) throw new Error('The export holds password hashes: give a credential store')
    return this.sinks.accounts
  }
}

function sameEvent(recorded: RecordedEvent, line: EventLine): boolean {
  const payload = line.payload === null ? Buffer.alloc(0) : Buffer.from(line.payload, 'base64')
  return (
    recorded.id === line.id &&
    recorded.type === line.type &&
    isDeepStrictEqual(recorded.data, line.data) &&
    isDeepStrictEqual(recorded.metadata, line.metadata) &&
    Buffer.from(recorded.payload ?? []).equals(payload)
  )
}
