import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { rebuildDoc } from '@rembuk/collab'
import { docStream } from '@rembuk/domain'
import { type EventStore, type RecordedEvent, SqliteEventStore } from '@rembuk/event-store'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { type Actor, DocWriter, type DocWriterOptions, untilNextFlushTick } from './doc-writer.js'

const sari: Actor = { actorId: 'bu-sari' }
const budi: Actor = { actorId: 'pak-budi' }

/** Edits on a teacher's own Y.Doc, returning the update each edit produced. */
function typist() {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  return {
    doc,
    type(words: string): Uint8Array {
      doc.getText('catatan').insert(doc.getText('catatan').length, words)
      return updates[updates.length - 1] as Uint8Array
    },
  }
}

async function readEvents(store: EventStore, docId: string): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = []
  for await (const event of store.readStream(docStream(docId))) events.push(event)
  return events
}

describe('DocWriter', () => {
  let dir: string
  let store: SqliteEventStore
  const writers: DocWriter[] = []
  const writer = (overrides: Partial<DocWriterOptions> = {}) => {
    const created = new DocWriter({
      docId: 'rencana',
      store,
      revision: undefined,
      sinceSnapshot: 0,
      flushMs: 10_000,
      snapshotEvery: 1000,
      onSnapshotDue: () => undefined,
      catchUp: async () => {
        throw new Error('no other writer expected')
      },
      onError: () => undefined,
      ...overrides,
    })
    writers.push(created)
    return created
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rembuk-writer-'))
    store = SqliteEventStore.open(join(dir, 'events.db'))
  })
  afterEach(async () => {
    for (const w of writers.splice(0)) w.stop()
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('merges consecutive updates of one actor, never across another actor', async () => {
    const teacher = typist()
    const w = writer()
    w.enqueue(sari, teacher.type('Tujuan '))
    w.enqueue(sari, teacher.type('pembelajaran: '))
    w.enqueue(budi, teacher.type('menghitung '))
    w.enqueue(sari, teacher.type('persentase.'))
    expect(w.pendingUpdates).toBe(4)
    await w.flush()
    expect(w.pendingUpdates).toBe(0)
    const events = await readEvents(store, 'rencana')
    expect(events.map((e) => [e.metadata.actorId, (e.data as { updates: number }).updates])).toEqual([
      ['bu-sari', 2],
      ['pak-budi', 1],
      ['bu-sari', 1],
    ])
    expect(w.revision).toBe(2n)
    const replayed = rebuildDoc(
      undefined,
      events.map((e) => e.payload as Uint8Array),
    )
    expect(replayed.getText('catatan').toString()).toBe('Tujuan pembelajaran: menghitung persentase.')
  })

  it('writes by itself within flushMs of the first pending update', async () => {
    const teacher = typist()
    const w = writer({ flushMs: 5 })
    w.enqueue(sari, teacher.type('Indikator'))
    await expect.poll(async () => (await readEvents(store, 'rencana')).length).toBe(1)
  })

  it('flushes on shared clock ticks, so documents that write together share a commit', () => {
    expect(untilNextFlushTick(50, 1_000_000)).toBe(50)
    expect(untilNextFlushTick(50, 1_000_001)).toBe(49)
    expect(untilNextFlushTick(50, 1_000_049)).toBe(1)
    expect(untilNextFlushTick(0, 1_000_049)).toBe(0)
  })

  it('catches up when another writer appended first, then appends after it', async () => {
    const teacher = typist()
    const other = typist()
    await store.append(
      docStream('rencana'),
      [
        {
          type: 'DocUpdated',
          data: { docId: 'rencana', updates: 1, bytes: 1 },
          payload: other.type('Dari replika lain. '),
          metadata: budi,
        },
      ],
      'no_stream',
    )
    const caughtUp: (bigint | undefined)[] = []
    const w = writer({
      catchUp: async (after) => {
        caughtUp.push(after)
        return store.streamRevision(docStream('rencana'))
      },
    })
    w.enqueue(sari, teacher.type('Milik Bu Sari.'))
    await w.flush()
    expect(caughtUp).toEqual([undefined])
    const events = await readEvents(store, 'rencana')
    expect(events.map((e) => e.metadata.actorId)).toEqual(['pak-budi', 'bu-sari'])
    expect(w.revision).toBe(1n)
  })

  it('keeps every update, in order, when an append fails, and writes them on the next flush', async () => {
    const teacher = typist()
    let failNext = true
    const flaky: EventStore = Object.create(store, {
      append: {
        value: (...args: Parameters<EventStore['append']>) => {
          if (failNext) {
            failNext = false
            return Promise.reject(new Error('disk full'))
          }
          return store.append(...args)
        },
      },
    })
    const w = writer({ store: flaky })
    w.enqueue(sari, teacher.type('satu '))
    w.enqueue(budi, teacher.type('dua '))
    await expect(w.flush()).rejects.toThrow('disk full')
    expect(w.pendingUpdates).toBe(2)
    w.enqueue(sari, teacher.type('tiga'))
    await w.flush()
    const events = await readEvents(store, 'rencana')
    expect(events.map((e) => e.metadata.actorId)).toEqual(['bu-sari', 'pak-budi', 'bu-sari'])
    const replayed = rebuildDoc(
      undefined,
      events.map((e) => e.payload as Uint8Array),
    )
    expect(replayed.getText('catatan').toString()).toBe('satu dua tiga')
  })

  it('asks for a snapshot once snapshotEvery events are stored since the last one', async () => {
    const teacher = typist()
    const due: bigint[] = []
    const w = writer({ snapshotEvery: 3, sinceSnapshot: 1, onSnapshotDue: (revision) => due.push(revision) })
    for (const [i, actor] of [sari, budi, sari, budi, sari].entries()) {
      w.enqueue(actor, teacher.type(`k${i} `))
      await w.flush()
    }
    expect(due).toEqual([1n, 4n])
  })
})
