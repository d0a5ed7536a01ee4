import { randomUUID } from 'node:crypto'
import type { EventMetadata } from '@rembuk/domain'
import { eventJson } from '../append-rules.js'
import type { JsonValue, NewEvent, RecordedEvent } from '../port.js'

export const eventColumns = 'position, id, stream_id, revision, type, data, payload, metadata, created'

/** A row of rembuk_events as `pg` returns it: bigints as strings, json parsed, bytea as a Buffer. */
export interface EventRow {
  position: string
  id: string
  stream_id: string
  revision: string
  type: string
  data: JsonValue
  payload: Buffer | null
  metadata: EventMetadata
  created: Date
}

/** One append's events as the column arrays `rembuk_insert_events` takes. */
export interface EventColumns {
  ids: string[]
  types: string[]
  data: string[]
  payloads: (Buffer | null)[]
  metadata: string[]
}

export function toEventColumns(events: readonly NewEvent[]): EventColumns {
  const columns: EventColumns = { ids: [], types: [], data: [], payloads: [], metadata: [] }
  for (const event of events) {
    const { data, metadata } = eventJson(event)
    columns.ids.push(event.id ?? randomUUID())
    columns.types.push(event.type)
    columns.data.push(data)
    columns.metadata.push(metadata)
    const { payload } = event
    columns.payloads.push(
      payload ? Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength) : null,
    )
  }
  return columns
}

export function toRecorded(row: EventRow): RecordedEvent {
  const { payload } = row
  return {
    id: row.id,
    streamId: row.stream_id,
    revision: BigInt(row.revision),
    position: BigInt(row.position),
    type: row.type,
    data: row.data,
    payload: payload ? new Uint8Array(payload.buffer, payload.byteOffset, payload.byteLength) : null,
    metadata: row.metadata,
    created: row.created,
  }
}
