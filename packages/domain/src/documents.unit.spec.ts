import { describe, expect, it } from 'vitest'
import { DocRestored, DocUpdated, docIdSchema, docStream } from './documents.js'
import { createEvent, InvalidEventError, parseEvent } from './events.js'
import { eventMetadataSchema } from './metadata.js'

const metadata = { actorId: 'guru-sari', schoolId: 'sma-1' }

describe('DocUpdated', () => {
  it('is created with its data, payload and schema version', () => {
    const payload = new Uint8Array([1, 2, 3])
    const event = createEvent(DocUpdated, { docId: 'plan-1', updates: 2, bytes: 3 }, metadata, payload)
    expect(event).toEqual({
      type: 'DocUpdated',
      data: { docId: 'plan-1', updates: 2, bytes: 3 },
      payload,
      metadata: { ...metadata, schemaVersion: 1 },
    })
  })

  it('keeps only the metadata fields it knows, and needs an actor', () => {
    const payload = new Uint8Array([1])
    const extra = { ...metadata, canWrite: true } as typeof metadata
    const event = createEvent(DocUpdated, { docId: 'p', updates: 1, bytes: 1 }, extra, payload)
    expect(event.metadata).toEqual({ ...metadata, schemaVersion: 1 })
    expect(() =>
      createEvent(DocUpdated, { docId: 'p', updates: 1, bytes: 1 }, { actorId: '' }, payload),
    ).toThrow(/metadata.actorId/)
  })

  it('needs its Yjs payload', () => {
    expect(() => createEvent(DocUpdated, { docId: 'plan-1', updates: 1, bytes: 0 }, metadata)).toThrow(
      /payload is missing/,
    )
  })

  it('refuses data that does not fit, naming each problem', () => {
    const stored = {
      type: 'DocUpdated',
      data: { docId: 'a b', updates: 0 },
      payload: new Uint8Array(),
      metadata,
    }
    const error = (() => {
      try {
        parseEvent(DocUpdated, stored)
      } catch (e) {
        return e
      }
    })()
    expect(error).toBeInstanceOf(InvalidEventError)
    const issues = (error as InvalidEventError).issues.join('\n')
    expect(issues).toMatch(/docId/)
    expect(issues).toMatch(/updates/)
    expect(issues).toMatch(/bytes/)
  })

  it('refuses a stored event of another type', () => {
    const stored = {
      type: 'DocRestored',
      data: { docId: 'a', updates: 1, bytes: 1 },
      payload: new Uint8Array(1),
      metadata,
    }
    expect(() => parseEvent(DocUpdated, stored)).toThrow(/type is DocRestored/)
  })
})

describe('DocRestored', () => {
  it('names the revision it restores', () => {
    const event = createEvent(
      DocRestored,
      { docId: 'p', restoredRevision: 4, bytes: 1 },
      metadata,
      new Uint8Array(1),
    )
    expect(event.data.restoredRevision).toBe(4)
    expect(() =>
      createEvent(DocRestored, { docId: 'p', restoredRevision: -1, bytes: 1 }, metadata, new Uint8Array(1)),
    ).toThrow(InvalidEventError)
  })
})

describe('document ids and streams', () => {
  it('accepts URL-safe ids and names the stream after them', () => {
    expect(docIdSchema.safeParse('rencana-tape_ketan-7').success).toBe(true)
    expect(docStream('rencana-7')).toBe('doc-rencana-7')
  })

  it.each(['', 'a/b', '../x', 'a b', 'x'.repeat(129), 'é'])('refuses %j', (id) => {
    expect(docIdSchema.safeParse(id).success).toBe(false)
  })
})

describe('event metadata', () => {
  it('needs an actor and keeps correlation and causation ids', () => {
    expect(eventMetadataSchema.safeParse({ schoolId: 's' }).success).toBe(false)
    const parsed = eventMetadataSchema.parse({ actorId: 'u', correlationId: 'c', causationId: 'e' })
    expect(parsed).toEqual({ actorId: 'u', correlationId: 'c', causationId: 'e' })
  })
})
