import { START } from '@kurrent/kurrentdb-client'
import { describe, expect, it } from 'vitest'
import { InvalidAppendError } from '../errors.js'
import type { NewEvent } from '../port.js'
import { fromKurrentRecord, type KurrentRecord, toEventData } from './kurrentdb-events.js'
import {
  readStartsAfter,
  toPortPosition,
  toReadPosition,
  UnsupportedPositionError,
} from './kurrentdb-positions.js'

const metadata = { actorId: 'user-1', schoolId: 'school-1', correlationId: 'c-1' }
const id = '0b6f2a57-5d3e-4d8e-9b0a-6c1f3e2d4a5b'

/** What KurrentDB gives back for what the client sent: JSON text parsed again, bytes as they were. */
function storedAndRead(event: NewEvent, position = 1234n): KurrentRecord {
  const sent = toEventData(event)
  return {
    id: sent.id,
    streamId: 'doc-1',
    revision: 7n,
    type: sent.type,
    created: new Date(1_700_000_000_000),
    isJson: sent.contentType === 'application/json',
    data: sent.contentType === 'application/json' ? JSON.parse(JSON.stringify(sent.data)) : sent.data,
    metadata: JSON.parse(JSON.stringify(sent.metadata)),
    position: { commit: position, prepare: position },
  }
}

describe('KurrentDB event mapping', () => {
  it('writes an event without payload as a JSON event with its own data and metadata', () => {
    const sent = toEventData({ id, type: 'PlanDrafted', data: { title: 'Rencana' }, metadata })
    expect(sent).toEqual({
      id,
      contentType: 'application/json',
      type: 'PlanDrafted',
      data: { title: 'Rencana' },
      metadata,
    })
  })

  it('writes an event with a payload as a binary event, its data in a metadata envelope', () => {
    const backing = new Uint8Array([9, 9, 1, 2, 3, 9])
    const sent = toEventData({
      id,
      type: 'DocUpdated',
      data: { n: 1 },
      payload: backing.subarray(2, 5),
      metadata,
    })
    expect(sent.contentType).toBe('application/octet-stream')
    expect([...(sent.data as Uint8Array)]).toEqual([1, 2, 3])
    expect((sent.data as Uint8Array).buffer.byteLength).toBe(3)
    expect(sent.metadata).toEqual({ metadata, data: { n: 1 } })
  })

  it('gives an event without an id a new UUID', () => {
    const sent = toEventData({ type: 'T', data: null, metadata })
    expect(sent.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/)
  })

  it('refuses data that is not JSON before anything is sent', () => {
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    expect(() => toEventData({ type: 'T', data: cyclic as never, metadata })).toThrow(InvalidAppendError)
    expect(() => toEventData({ type: 'T', data: undefined as never, metadata })).toThrow(InvalidAppendError)
  })

  it('reads back the same event: JSON values of every kind, payloads byte for byte, empty ones too', () => {
    for (const data of [{ a: [1, 'two', null] }, 'text', 42, true, null, []]) {
      const read = fromKurrentRecord(storedAndRead({ id, type: 'T', data, metadata }))
      expect(read).toEqual({
        id,
        streamId: 'doc-1',
        revision: 7n,
        position: 1234n,
        type: 'T',
        data,
        payload: null,
        metadata,
        created: new Date(1_700_000_000_000),
      })
    }
    for (const payload of [new Uint8Array([0, 255, 7]), new Uint8Array(0)]) {
      const read = fromKurrentRecord(storedAndRead({ id, type: 'B', data: { n: 2 }, payload, metadata }))
      expect(read.payload).toBeInstanceOf(Uint8Array)
      expect([...(read.payload as Uint8Array)]).toEqual([...payload])
      expect(read.data).toEqual({ n: 2 })
      expect(read.metadata).toEqual(metadata)
    }
  })

  it('reads a Buffer payload as a plain Uint8Array view of the same bytes', () => {
    const record = storedAndRead({ id, type: 'B', data: {}, payload: new Uint8Array([5, 6]), metadata })
    const read = fromKurrentRecord({ ...record, data: Buffer.from([5, 6]) })
    expect(read.payload?.constructor).toBe(Uint8Array)
    expect([...(read.payload as Uint8Array)]).toEqual([5, 6])
  })

  it('refuses a binary event without the envelope (written by something else)', () => {
    const record = storedAndRead({ id, type: 'B', data: {}, payload: new Uint8Array([1]), metadata })
    expect(() => fromKurrentRecord({ ...record, metadata: metadata })).toThrow(/envelope/)
  })
})

describe('KurrentDB positions', () => {
  it('maps a self-committed event to its commit position', () => {
    expect(toPortPosition({ commit: 5_000n, prepare: 5_000n }, id)).toBe(5_000n)
  })

  it('refuses a position shared by an explicit transaction, and one the server did not report', () => {
    expect(() => toPortPosition({ commit: 900n, prepare: 640n }, id)).toThrow(UnsupportedPositionError)
    expect(() => toPortPosition(undefined, id)).toThrow(UnsupportedPositionError)
    const unknown = 2n ** 64n - 1n
    expect(() => toPortPosition({ commit: unknown, prepare: unknown }, id)).toThrow(UnsupportedPositionError)
  })

  it('starts a read of the log at the start for 0n and at the event itself otherwise', () => {
    expect(toReadPosition(0n)).toBe(START)
    expect(toReadPosition(-1n)).toBe(START)
    expect(toReadPosition(77n)).toEqual({ commit: 77n, prepare: 77n })
  })

  it('tries the position, the next byte, the anchor before it, then the start of the log', () => {
    expect(readStartsAfter(0n, undefined)).toEqual([START])
    expect(readStartsAfter(500n, 120n)).toEqual([
      { commit: 500n, prepare: 500n },
      { commit: 501n, prepare: 501n },
      { commit: 120n, prepare: 120n },
      START,
    ])
    expect(readStartsAfter(500n, 500n)).toEqual([
      { commit: 500n, prepare: 500n },
      { commit: 501n, prepare: 501n },
      START,
    ])
  })
})
