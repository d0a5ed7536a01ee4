import { join } from 'node:path'
import { type EventStore, SqliteEventStore } from '@rembuk/event-store'
import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import * as Y from 'yjs'
import { type CollabClient, connectClient } from '../../tests/support/collab-clients.js'
import { type Session, setUpSchool, type TestSchool } from '../../tests/support/school.js'
import { AppConfig } from '../src/config/app-config.js'
import { EVENT_STORE } from '../src/store/store.module.js'
import { getJson, startServer, type TestServer, tempDataDir } from './support/test-server.js'

interface HistoryPage {
  entries: {
    revision: number
    type: string
    actorId: string
    actorName: string | null
    size: number
    updates: number
    time: string
  }[]
  next: number | null
}
interface StatePage {
  revision: number
  kinds: Record<string, string>
  content: Record<string, unknown>
}

/** Sends one raw y-websocket frame from a plain WebSocket and reports how the server closed it. */
function sendRawFrame(
  collabUrl: string,
  docId: string,
  token: string,
  frame: Uint8Array,
): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${collabUrl}/${docId}?token=${token}`)
    socket.on('open', () => socket.send(frame))
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))
    socket.on('error', reject)
  })
}

function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  encoding.writeVarUint(encoder, 2)
  encoding.writeVarUint8Array(encoder, update)
  return encoding.toUint8Array(encoder)
}

/** A plain WebSocket that sends sync step 1 requests and collects the sync messages answered. */
async function openRawSync(collabUrl: string, docId: string, token: string) {
  const socket = new WebSocket(`${collabUrl}/${docId}?token=${token}`)
  const received: { step: number; payload: Uint8Array }[] = []
  socket.on('message', (data: Buffer) => {
    const decoder = decoding.createDecoder(new Uint8Array(data))
    if (decoding.readVarUint(decoder) !== 0) return
    received.push({ step: decoding.readVarUint(decoder), payload: decoding.readVarUint8Array(decoder) })
  })
  await new Promise((resolve) => socket.once('open', resolve))
  await expect.poll(() => received.length).toBeGreaterThan(0)
  return {
    /** Asks as a client holding nothing; answers the next `count` sync messages. */
    async ask(count: number) {
      const request = encoding.createEncoder()
      encoding.writeVarUint(request, 0)
      encoding.writeVarUint(request, 0)
      encoding.writeVarUint8Array(request, Y.encodeStateVector(new Y.Doc()))
      const before = received.length
      socket.send(encoding.toUint8Array(request))
      await expect.poll(() => received.length).toBe(before + count)
      return received.slice(before)
    },
    send: (frame: Uint8Array) => socket.send(frame),
    close: () => socket.close(),
  }
}

/** Holds appends to document streams while closed, as a store that does not answer would. */
class AppendGate {
  private waiting: (() => void)[] = []
  private closed = false
  held = 0

  around(store: EventStore): EventStore {
    return Object.create(store, {
      append: {
        value: async (...args: Parameters<EventStore['append']>) => {
          if (this.closed && args[0].startsWith('doc-')) {
            this.held += 1
            await new Promise<void>((resolve) => this.waiting.push(resolve))
          }
          return store.append(...args)
        },
      },
    }) as EventStore
  }

  close(): void {
    this.closed = true
  }

  open(): void {
    this.closed = false
    for (const resolve of this.waiting.splice(0)) resolve()
  }
}

describe('live documents over the y-websocket protocol', () => {
  let data: ReturnType<typeof tempDataDir>
  let server: TestServer
  let school: TestSchool
  let people: Map<string, Promise<Session>>
  const clients: CollabClient[] = []
  /** A teacher of the school named `name`, invited the first time the name is used. */
  const person = (name: string): Promise<Session> => {
    let session = people.get(name)
    if (!session) {
      session = school.member('teacher', name)
      people.set(name, session)
    }
    return session
  }
  const connect = async (docId: string, name: string) => {
    const client = connectClient(server.collabUrl, docId, (await person(name)).token)
    clients.push(client)
    return client
  }
  /** A plan whose team is these people; its document is where they write. */
  const planFor = async (...names: string[]) =>
    (await school.plan('Rencana uji', await Promise.all(names.map(person)))).docId
  const read = <T>(path: string) => getJson<T>(server, path, school.principal.token)
  const rawSync = (docId: string, token: string) => openRawSync(server.collabUrl, docId, token)
  const head = async (docId: string): Promise<number> => {
    const { status, body } = await read<HistoryPage>(`/api/docs/${docId}/history?limit=1000`)
    if (status === 404) return -1
    return body.entries[body.entries.length - 1]?.revision ?? -1
  }

  beforeEach(async () => {
    data = tempDataDir()
    server = await startServer(data.dir)
    school = await setUpSchool(server.httpUrl)
    people = new Map([['Bu Kepala', Promise.resolve(school.principal)]])
  })
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    await server.close()
    data.remove()
  })

  it('answers every sync request with what the client lacks, then what the store holds', async () => {
    const docId = await planFor('Bu Sari')
    const sari = await connect(docId, 'Bu Sari')
    await sari.synced()
    const created = await head(docId)
    sari.text.insert(0, 'Fermentasi tiga hari')
    sari.text.delete(11, 5)
    await expect.poll(() => head(docId)).toBeGreaterThan(created)
    const kepala = await rawSync(docId, (await person('Bu Kepala')).token)
    const [answer, deletes, stateVector] = await kepala.ask(3)
    expect(answer?.step).toBe(2)
    const copy = new Y.Doc()
    Y.applyUpdate(copy, answer?.payload ?? new Uint8Array())
    expect(copy.getText('catatan').toString()).toBe('Fermentasi hari')
    expect(deletes?.step).toBe(1)
    expect(Y.decodeUpdate(deletes?.payload ?? new Uint8Array()).ds.clients.get(sari.doc.clientID)).toEqual([
      expect.objectContaining({ clock: 11, len: 5 }),
    ])
    expect(stateVector?.step).toBe(0)
    expect(Y.decodeStateVector(stateVector?.payload ?? new Uint8Array())).toEqual(
      Y.decodeStateVector(Y.encodeStateVector(sari.doc)),
    )
    kepala.close()
  })

  it('lets three clients co-edit one text; it survives a restart with its history and past states', async () => {
    const docId = await planFor('Bu Sari', 'Pak Budi', 'Bu Wati')
    const [sari, budi, wati] = await Promise.all([
      connect(docId, 'Bu Sari'),
      connect(docId, 'Pak Budi'),
      connect(docId, 'Bu Wati'),
    ])
    await Promise.all([sari, budi, wati].map((c) => c.synced()))

    const seen: { revision: number; text: string }[] = []
    const steps: [CollabClient, number, string][] = [
      [sari, 0, 'Tujuan: siswa menghitung persentase susut berat. '],
      [budi, 0, '[Kimia] suhu wadah diukur tiap hari. '],
      [wati, 10, '(Ekonomi) '],
    ]
    for (const [client, index, words] of steps) {
      const before = await head(docId)
      client.text.insert(Math.min(index, client.text.length), words)
      const expected = client.text.toString()
      await expect
        .poll(() => [sari, budi, wati].map((c) => c.text.toString()))
        .toEqual([expected, expected, expected])
      await expect.poll(() => head(docId)).toBeGreaterThan(before)
      seen.push({ revision: await head(docId), text: expected })
    }

    sari.text.insert(0, 'A')
    budi.text.insert(budi.text.length, 'Z')
    wati.text.delete(0, 3)
    await expect
      .poll(() => new Set([sari, budi, wati].map((c) => c.text.toString())).size, { timeout: 5000 })
      .toBe(1)
    const converged = sari.text.toString()
    await expect
      .poll(async () => (await read<StatePage>(`/api/docs/${docId}/state`)).body.content.catatan)
      .toEqual(converged)

    for (const client of clients.splice(0)) client.destroy()
    server = await server.restart()

    const later = await connect(docId, 'Bu Kepala')
    await later.synced()
    expect(later.text.toString()).toBe(converged)

    const { body: history } = await read<HistoryPage>(`/api/docs/${docId}/history`)
    expect(history.entries.length).toBeGreaterThanOrEqual(6)
    const writers = await Promise.all(['Bu Kepala', 'Bu Sari', 'Pak Budi', 'Bu Wati'].map(person))
    const names = new Set(history.entries.map((e) => `${e.actorId}:${e.actorName}`))
    expect(names).toEqual(new Set(writers.map((w) => `${w.user.memberId}:${w.user.name}`)))
    expect(history.entries.map((e) => e.revision)).toEqual(history.entries.map((_, i) => i))
    expect(history.entries.every((e) => e.type === 'DocUpdated' && e.size > 0 && e.updates >= 1)).toBe(true)

    for (const { revision, text } of seen) {
      const { status, body } = await read<StatePage>(`/api/docs/${docId}/state?revision=${revision}`)
      expect(status).toBe(200)
      expect(body).toMatchObject({ revision, kinds: { catatan: 'text' }, content: { catatan: text } })
    }
  })

  it('closes a connection that sends a malformed update, stores nothing of it, and keeps the others working', async () => {
    const docId = await planFor('Guru', 'Rekan', 'Mallory')
    const [guru, rekan] = await Promise.all([connect(docId, 'Guru'), connect(docId, 'Rekan')])
    const mallory = await person('Mallory')
    await Promise.all([guru, rekan].map((c) => c.synced()))
    guru.text.insert(0, 'Fokus: keterlibatan siswa. ')
    await expect.poll(() => rekan.text.toString()).toBe('Fokus: keterlibatan siswa. ')
    await expect.poll(() => head(docId)).toBeGreaterThanOrEqual(0)
    const stored = await head(docId)
    const disconnects: string[] = []
    for (const client of [guru, rekan]) {
      client.provider.on('status', ({ status }: { status: string }) => {
        if (status === 'disconnected') disconnects.push(status)
      })
    }

    const valid = (() => {
      const other = new Y.Doc()
      other.getText('catatan').insert(0, 'sisipan jahat')
      return Y.encodeStateAsUpdate(other)
    })()
    const truncated = valid.slice(0, valid.length - 4)
    const garbage = new Uint8Array([5, 200, 1, 7, 7, 7, 7, 250, 250, 250, 250, 250, 250, 250])
    for (const frame of [
      updateFrame(truncated),
      updateFrame(garbage),
      new Uint8Array([9, 1, 2]),
      new Uint8Array([0, 2, 50]),
    ]) {
      const closed = await sendRawFrame(server.collabUrl, docId, mallory.token, frame)
      expect(closed.code).toBe(1007)
    }

    rekan.text.insert(rekan.text.length, 'Refleksi bersama.')
    const expected = 'Fokus: keterlibatan siswa. Refleksi bersama.'
    await expect.poll(() => guru.text.toString()).toBe(expected)
    await expect.poll(() => head(docId)).toBeGreaterThan(stored)
    expect(disconnects).toEqual([])
    const { body: history } = await read<HistoryPage>(`/api/docs/${docId}/history`)
    expect(history.entries.map((e) => e.actorId)).not.toContain(mallory.user.memberId)
    const { body: state } = await read<StatePage>(`/api/docs/${docId}/state`)
    expect(state.content.catatan).toEqual(expected)
  })

  it('sends a client what its update let the server integrate, when that was waiting for it', async () => {
    const docId = await planFor('Bu Sari', 'Pak Budi')
    const budi = await connect(docId, 'Pak Budi')
    await budi.synced()
    const elsewhere = new Y.Doc()
    const updates: Uint8Array[] = []
    elsewhere.on('update', (update: Uint8Array) => updates.push(update))
    elsewhere.getText('catatan').insert(0, 'Tape ')
    elsewhere.getText('catatan').insert(5, 'ketan')
    const [cause, waiting] = updates as [Uint8Array, Uint8Array]
    const sari = await rawSync(docId, (await person('Bu Sari')).token)
    sari.send(updateFrame(waiting))
    const [answer] = await sari.ask(3)
    const held = Y.decodeUpdate(answer?.payload ?? new Uint8Array()).structs
    expect(held.filter((struct) => struct.id.client === elsewhere.clientID)).toHaveLength(1)
    Y.applyUpdate(budi.doc, cause)
    await expect.poll(() => budi.text.toString()).toBe('Tape ketan')
    sari.close()
  })

  it('relays awareness (who is here, their cursor) and removes a client that leaves', async () => {
    const docId = await planFor('Bu Ketua', 'Pak Anggota', 'Terlambat')
    const [ketua, anggota] = await Promise.all([connect(docId, 'Bu Ketua'), connect(docId, 'Pak Anggota')])
    await Promise.all([ketua, anggota].map((c) => c.synced()))
    ketua.provider.awareness.setLocalStateField('user', { name: 'Bu Ketua', color: '#1f6f5c' })
    anggota.provider.awareness.setLocalStateField('user', { name: 'Pak Anggota', color: '#b5541c' })
    const names = (client: CollabClient) =>
      [...client.provider.awareness.getStates().values()]
        .map((state) => (state.user as { name?: string } | undefined)?.name)
        .filter(Boolean)
        .sort()
    await expect.poll(() => names(ketua)).toEqual(['Bu Ketua', 'Pak Anggota'])
    await expect.poll(() => names(anggota)).toEqual(['Bu Ketua', 'Pak Anggota'])

    const late = await connect(docId, 'Terlambat')
    await late.synced()
    await expect.poll(() => names(late)).toEqual(['Bu Ketua', 'Pak Anggota'])

    anggota.destroy()
    await expect.poll(() => names(ketua)).toEqual(['Bu Ketua'])
  })

  it('refuses a handshake for an invalid document id and for other paths', async () => {
    const status = (path: string) =>
      new Promise<number>((resolve, reject) => {
        const socket = new WebSocket(`ws://127.0.0.1:${server.port}${path}`)
        socket.on('unexpected-response', (_request, response) => {
          resolve(response.statusCode ?? 0)
          socket.terminate()
        })
        socket.on('open', () => reject(new Error(`${path} was accepted`)))
        socket.on('error', () => undefined)
      })
    expect(await status('/collab/bukan%20id')).toBe(400)
    expect(await status('/collab/ok')).toBe(401)
    expect(await status('/collab/ok?token=bukan-token')).toBe(401)
    expect(await status('/lain/dok')).toBe(404)
  })

  it('merges a quick run of one writer into fewer events without losing any update', async () => {
    const docId = await planFor('Guru Cepat')
    await server.close()
    server = await startServer(data.dir, { flushMs: 300 })
    const writer = await connect(docId, 'Guru Cepat')
    await writer.synced()
    const created = await head(docId)
    for (const letter of 'fermentasi') writer.text.insert(writer.text.length, letter)
    await expect.poll(() => head(docId), { timeout: 5000 }).toBeGreaterThan(created)
    const { body } = await read<HistoryPage>(`/api/docs/${docId}/history`)
    const typed = body.entries.filter((entry) => entry.revision > created)
    expect(typed.length).toBeLessThan(10)
    expect(typed.reduce((sum, e) => sum + e.updates, 0)).toBe(10)
    expect((await read<StatePage>(`/api/docs/${docId}/state`)).body.content.catatan).toBe('fermentasi')
  })

  it('says an edit is held only once it is in the event store, not while it waits in memory', async () => {
    const docId = await planFor('Bu Sari')
    await server.close()
    const gate = new AppendGate()
    server = await startServer(
      data.dir,
      {},
      {
        overrides: [
          {
            provide: EVENT_STORE,
            inject: [AppConfig],
            factory: (config: AppConfig) =>
              gate.around(SqliteEventStore.open(join(config.dataDir, 'rembuk.db'))),
          },
        ],
      },
    )
    const sari = await connect(docId, 'Bu Sari')
    await sari.synced()
    const kepala = await rawSync(docId, (await person('Bu Kepala')).token)
    gate.close()
    sari.text.insert(0, 'Belum tersimpan')
    await expect.poll(async () => (await kepala.ask(3))[0]?.payload.byteLength).toBeGreaterThan(20)
    await expect.poll(() => gate.held).toBeGreaterThan(0)
    const [, , waiting] = await kepala.ask(3)
    expect(Y.decodeStateVector(waiting?.payload ?? new Uint8Array()).get(sari.doc.clientID)).toBeUndefined()
    gate.open()
    await expect
      .poll(async () =>
        Y.decodeStateVector((await kepala.ask(3))[2]?.payload ?? new Uint8Array()).get(sari.doc.clientID),
      )
      .toBe(15)
    kepala.close()
  })
})
