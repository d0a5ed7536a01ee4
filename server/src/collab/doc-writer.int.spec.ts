import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { rebuildDoc, StoredState } from '@rembuk/collab'
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

/** Replays a stream event by event: what each one changed, and whether the replay waits for missing causes. */
function replay(events: readonly RecordedEvent[]): {
  text: string
  unchanged: bigint[]
  waiting: bigint[]
} {
  const doc = new Y.Doc()
  const unchanged: bigint[] = []
  const waiting: bigint[] = []
  for (const event of events) {
    let changed = false
    const mark = () => {
      changed = true
    }
    doc.on('update', mark)
    Y.applyUpdate(doc, event.payload as Uint8Array)
    doc.off('update', mark)
    if (doc.store.pendingStructs || doc.store.pendingDs) waiting.push(event.revision)
    else if (!changed) unchanged.push(event.revision)
  }
  return { text: doc.getText('catatan').toString(), unchanged, waiting }
}

describe('DocWriter', () => {
  let dir: string
  let store: SqliteEventStore
  const writers: DocWriter[] = []
  /** A writer on the shared store, as a replica's: it catches up by reading the stream. */
  const writer = (overrides: Partial<DocWriterOptions> = {}) => {
    const created: DocWriter = new DocWriter({
      docId: 'rencana',
      store,
      stored: StoredState.empty(),
      revision: undefined,
      sinceSnapshot: 0,
      flushMs: 10_000,
      peerGraceMs: 60_000,
      snapshotEvery: 1000,
      onSnapshotDue: () => undefined,
      catchUp: async (after) => {
        const from = after === undefined ? 0n : after + 1n
        for await (const event of store.readStream(docStream('rencana'), { fromRevision: from }))
          created.record(event.revision, event.payload)
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
    const w: DocWriter = writer({
      catchUp: async (after) => {
        caughtUp.push(after)
        for (const event of await readEvents(store, 'rencana')) w.record(event.revision, event.payload)
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

  describe('several writers on one stream (replicas)', () => {
    it('stores an update once when a paused replica wakes after the client resent it to another', async () => {
      const teacher = typist()
      const paused = writer()
      const other = writer()
      const update = teacher.type('Fermentasi dua hari.')
      paused.enqueue(sari, update)
      other.enqueue(sari, update)
      await other.flush()
      await paused.flush()
      const events = await readEvents(store, 'rencana')
      expect(events).toHaveLength(1)
      expect(paused.pendingUpdates).toBe(0)
      expect(paused.revision).toBe(0n)
      expect(replay(events)).toEqual({ text: 'Fermentasi dua hari.', unchanged: [], waiting: [] })
    })

    it('stores only the part another replica did not store', async () => {
      const teacher = typist()
      const slow = writer()
      const fast = writer()
      const first = teacher.type('Tape ')
      const second = teacher.type('ketan')
      fast.enqueue(sari, first)
      await fast.flush()
      slow.enqueue(sari, first)
      slow.enqueue(sari, second)
      await slow.flush()
      const events = await readEvents(store, 'rencana')
      expect(events).toHaveLength(2)
      expect(Y.parseUpdateMeta(events[1]?.payload as Uint8Array).from.get(teacher.doc.clientID)).toBe(5)
      expect(replay(events)).toEqual({ text: 'Tape ketan', unchanged: [], waiting: [] })
    })

    it('leaves an update heard from another replica to that replica, and drops it once stored', async () => {
      const teacher = typist()
      const origin = writer()
      const listener = writer()
      const update = teacher.type('Dari replika satu.')
      origin.enqueue(sari, update)
      listener.enqueuePeer(sari, update)
      await listener.flush()
      expect(await readEvents(store, 'rencana')).toHaveLength(0)
      await origin.flush()
      await listener.flush(true)
      expect(await readEvents(store, 'rencana')).toHaveLength(1)
    })

    it('stores an update heard from a replica that never stored it, once its grace has passed', async () => {
      const teacher = typist()
      const survivor = writer({ peerGraceMs: 20 })
      survivor.enqueuePeer(sari, teacher.type('Ditulis sebelum replika itu mati.'))
      await expect.poll(async () => (await readEvents(store, 'rencana')).length).toBe(1)
      const events = await readEvents(store, 'rencana')
      expect(events[0]?.metadata.actorId).toBe('bu-sari')
      expect(replay(events).text).toBe('Ditulis sebelum replika itu mati.')
    })

    it('stores the causes heard from another replica before an update that needs them', async () => {
      const onOne = typist()
      const onTwo = typist()
      const fromOne = onOne.type('Lama fermentasi: tiga hari.')
      Y.applyUpdate(onTwo.doc, fromOne)
      onTwo.doc.getText('catatan').delete(17, 5)
      const deletion = Y.encodeStateAsUpdate(onTwo.doc, Y.encodeStateVector(onOne.doc))
      const w = writer()
      w.enqueuePeer(sari, fromOne)
      w.enqueue(budi, deletion)
      await w.flush()
      const events = await readEvents(store, 'rencana')
      expect(events.map((e) => e.metadata.actorId)).toEqual(['bu-sari', 'pak-budi'])
      expect(replay(events)).toEqual({ text: 'Lama fermentasi: hari.', unchanged: [], waiting: [] })
    })

    it('loses nothing and stores nothing twice when replicas race on one stream', async () => {
      const clients = [typist(), typist(), typist()]
      const replicas = [writer(), writer(), writer()]
      const actors = [sari, budi, { actorId: 'bu-wati' }]
      for (let round = 0; round < 30; round++) {
        clients.forEach((client, i) => {
          const update = client.type(`[${i}-${round}]`)
          replicas.forEach((r, j) => {
            if (j === i) r.enqueue(actors[i] as Actor, update)
            else r.enqueuePeer(actors[i] as Actor, update)
          })
          for (const other of clients) if (other !== client) Y.applyUpdate(other.doc, update)
        })
        await Promise.all(replicas.map((r, i) => (round % 3 === i ? r.flush(true) : r.flush())))
      }
      await Promise.all(replicas.map((r) => r.flush(true)))
      const events = await readEvents(store, 'rencana')
      const replayed = replay(events)
      expect(replayed.unchanged).toEqual([])
      expect(replayed.waiting).toEqual([])
      expect(replayed.text).toBe(clients[0]?.doc.getText('catatan').toString())
      for (let round = 0; round < 30; round++) {
        for (let i = 0; i < 3; i++) expect(replayed.text.split(`[${i}-${round}]`)).toHaveLength(2)
      }
    })
  })
})
