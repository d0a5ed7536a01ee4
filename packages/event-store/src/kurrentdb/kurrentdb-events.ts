import { randomUUID } from 'node:crypto'
import type { EventData, JSONType, Position } from '@kurrent/kurrentdb-client'
import type { EventMetadata } from '@rembuk/domain'
import { eventJson } from '../append-rules.js'
import type { JsonValue, NewEvent, RecordedEvent } from '../port.js'
import { toPortPosition } from './kurrentdb-positions.js'

/** What a binary event carries as its KurrentDB metadata: the port's metadata and the event's JSON data. */
export interface PayloadEnvelope {
  metadata: EventMetadata
  data: JsonValue
}

/** The fields of a KurrentDB recorded event that the mapping reads. */
export interface KurrentRecord {
  id: string
  streamId: string
  revision: bigint
  type: string
  created: Date
  isJson: boolean
  data: unknown
  metadata: unknown
  position?: Position
}

/**
 * An event without a payload becomes a JSON event (data and metadata as they are); one with a payload becomes
 * a binary event whose data is the payload and whose metadata is a JSON envelope of metadata and data.
 */
export function toEventData(event: NewEvent): EventData {
  eventJson(event)
  const id = event.id ?? randomUUID()
  if (event.payload === undefined) {
    return {
      id,
      contentType: 'application/json',
      type: event.type,
      data: event.data as JSONType,
      metadata: event.metadata,
    }
  }
  const envelope: PayloadEnvelope = { metadata: event.metadata, data: event.data }
  return {
    id,
    contentType: 'application/octet-stream',
    type: event.type,
    data: event.payload.slice(),
    metadata: envelope as unknown as JSONType,
  }
}

export function fromKurrentRecord(record: KurrentRecord): RecordedEvent {
  const common = {
    id: record.id,
    streamId: record.streamId,
    revision: record.revision,
    position: toPortPosition(record.position, record.id),
    type: record.type,
    created: record.created,
  }
  if (record.isJson) {
    return {
      ...common,
      data: record.data as JsonValue,
      payload: null,
      metadata: (record.metadata ?? {}) as EventMetadata,
    }
  }
  if (!isEnvelope(record.metadata) || !(record.data instanceof Uint8Array)) {
    throw new Error(`Event ${record.id} of ${record.streamId} is binary but has no Rembuk metadata envelope`)
  }
  const bytes = record.data
  return {
    ...common,
    data: record.metadata.data,
    payload: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    metadata: record.metadata.metadata,
  }
}

function isEnvelope(value: unknown): value is PayloadEnvelope {
  return (
    typeof value === 'object' &&
    value !== null &&
    'metadata' in value &&
    'data' in value &&
    typeof value.metadata === 'object' &&
    value.metadata !== null
  )
}
