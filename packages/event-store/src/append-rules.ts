import { InvalidAppendError } from './errors.js'
import type { EventFilter, ExpectedRevision, NewEvent } from './port.js'

const streamIdPattern = /^[\w.:$@-]{1,200}$/
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Checks what every adapter must refuse before it touches storage. */
export function assertValidAppend(stream: string, events: readonly NewEvent[]): void {
  if (!streamIdPattern.test(stream)) {
    throw new InvalidAppendError(
      `Stream id "${stream.slice(0, 50)}" must be 1-200 of letters, digits and _.:$@-`,
    )
  }
  if (events.length === 0) throw new InvalidAppendError('An append needs at least one event')
  const ids = new Set<string>()
  for (const event of events) {
    if (typeof event.type !== 'string' || event.type.length === 0 || event.type.length > 200) {
      throw new InvalidAppendError('An event type is a string of 1-200 characters')
    }
    if (event.id !== undefined) {
      if (!uuidPattern.test(event.id)) throw new InvalidAppendError(`Event id ${event.id} is not a UUID`)
      if (ids.has(event.id)) throw new InvalidAppendError(`Event id ${event.id} appears twice in one append`)
      ids.add(event.id)
    }
    if (event.payload !== undefined && !(event.payload instanceof Uint8Array)) {
      throw new InvalidAppendError('An event payload must be a Uint8Array')
    }
    if (typeof event.metadata?.actorId !== 'string' || event.metadata.actorId.length === 0) {
      throw new InvalidAppendError('Every event names its actor (metadata.actorId)')
    }
  }
}

export function satisfiesExpected(expected: ExpectedRevision, current: bigint | undefined): boolean {
  switch (expected) {
    case 'any':
      return true
    case 'no_stream':
      return current === undefined
    case 'stream_exists':
      return current !== undefined
    default:
      return current === expected
  }
}

export function matchesFilter(filter: EventFilter | undefined, streamId: string, type: string): boolean {
  if (!filter) return true
  const { streamPrefixes, typePrefixes } = filter
  if (streamPrefixes && !streamPrefixes.some((prefix) => streamId.startsWith(prefix))) return false
  if (typePrefixes && !typePrefixes.some((prefix) => type.startsWith(prefix))) return false
  return true
}

/** The event's data and metadata as JSON text; refuses an event that JSON cannot carry. */
export function eventJson(event: NewEvent): { data: string; metadata: string } {
  let data: string | undefined
  let metadata: string | undefined
  try {
    data = JSON.stringify(event.data)
    metadata = JSON.stringify(event.metadata)
  } catch (error) {
    throw new InvalidAppendError(`Event ${event.type} cannot be stored as JSON: ${(error as Error).message}`)
  }
  if (data === undefined || metadata === undefined) {
    throw new InvalidAppendError(`Event ${event.type} has no JSON data`)
  }
  return { data, metadata }
}
