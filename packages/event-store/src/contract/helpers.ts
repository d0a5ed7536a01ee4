import { randomBytes, randomUUID } from 'node:crypto'
import type { EventStore, NewEvent, RecordedEvent } from '../port.js'

export const actor = { actorId: 'user-contract', schoolId: 'school-contract' }

/** A stream prefix no other test (or earlier run against a shared server) uses. */
export function uniquePrefix(label: string): string {
  return `${label}_${randomUUID().slice(0, 8)}-`
}

export function newEvents(count: number, type = 'ThingHappened', from = 0): NewEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    id: randomUUID(),
    type,
    data: { n: from + i, note: `ke-${from + i}` },
    metadata: { ...actor, correlationId: `corr-${from + i}` },
  }))
}

export async function collect(events: AsyncIterable<RecordedEvent>): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = []
  for await (const event of events) all.push(event)
  return all
}

export async function collectN(
  events: AsyncIterable<RecordedEvent>,
  count: number,
): Promise<RecordedEvent[]> {
  const got: RecordedEvent[] = []
  if (count === 0) return got
  for await (const event of events) {
    got.push(event)
    if (got.length === count) break
  }
  return got
}

export function payloadOf(size: number): Uint8Array {
  const bytes = new Uint8Array(randomBytes(size))
  if (size > 2) {
    bytes[0] = 0
    bytes[size - 1] = 0
  }
  return bytes
}

/** Appends `total` events to the given streams in small batches of varying size, yielding between them. */
export async function appendInBatches(
  store: EventStore,
  streams: string[],
  total: number,
): Promise<string[]> {
  const ids: string[] = []
  let written = 0
  let turn = 0
  while (written < total) {
    const size = Math.min(1 + (turn % 7), total - written)
    const stream = streams[turn % streams.length] as string
    const batch = newEvents(size, 'Raced', written)
    await store.append(stream, batch, 'any')
    for (const event of batch) ids.push(event.id as string)
    written += size
    turn += 1
    await new Promise((resolve) => setImmediate(resolve))
  }
  return ids
}
