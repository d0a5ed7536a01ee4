import * as encoding from 'lib0/encoding'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { WebSocket } from 'ws'
import * as Y from 'yjs'
import { type CollabClient, connectClient } from '../../tests/support/collab-clients.js'
import { type Session, schoolWithPlan, type TestPlan } from '../../tests/support/school.js'
import { call, handshakeStatus, openRawCollab } from './support/http.js'
import { startServer, type TestServer, tempDataDir } from './support/test-server.js'

function frame(type: number, step: number | undefined, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, type)
  if (step !== undefined) encoding.writeVarUint(encoder, step)
  encoding.writeVarUint8Array(encoder, payload)
  return encoding.toUint8Array(encoder)
}
const queryAwareness = new Uint8Array([3])

describe('limits on the collaboration endpoint', () => {
  let data: ReturnType<typeof tempDataDir>
  let server: TestServer
  let sari: Session
  let principal: Session
  let plan: TestPlan
  const clients: CollabClient[] = []
  const sockets: WebSocket[] = []
  const raw = async () => {
    const opened = await openRawCollab(server, plan.docId, sari.token)
    sockets.push(opened.socket)
    return opened
  }
  const storedText = async () =>
    (await call(server, 'GET', `/api/docs/${plan.docId}/state`, principal.token)).body.content.catatan

  beforeEach(async () => {
    data = tempDataDir()
    server = await startServer(data.dir, {
      maxDocBytes: 8 * 1024,
      maxConnectionsPerMember: 3,
      maxMessagesPerSecond: 20,
    })
    ;({ principal, teacher: sari, plan } = await schoolWithPlan(server.httpUrl))
  })
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    for (const socket of sockets.splice(0)) socket.terminate()
    await server.close()
    data.remove()
  })

  it('closes a connection that sends more messages a second than allowed with 4529; others carry on', async () => {
    const steady = connectClient(server.collabUrl, plan.docId, principal.token)
    clients.push(steady)
    await steady.synced()
    const flood = await raw()
    for (let i = 0; i < 100; i++) flood.socket.send(queryAwareness)
    expect(await flood.closed).toEqual({ code: 4529, reason: 'too many messages a second' })
    steady.text.insert(0, 'Masih tersambung.')
    await expect.poll(storedText).toBe('Masih tersambung.')
    expect(steady.provider.wsconnected).toBe(true)
  })

  it('refuses an update that would grow the document past its limit with 4413, and stores nothing of it', async () => {
    const writer = new Y.Doc()
    writer.getText('catatan').insert(0, 'a'.repeat(3000))
    const first = await raw()
    first.socket.send(frame(0, 2, Y.encodeStateAsUpdate(writer)))
    await expect.poll(storedText).toBe('a'.repeat(3000))
    const before = Y.encodeStateVector(writer)
    writer.getText('catatan').insert(3000, 'b'.repeat(6000))
    first.socket.send(frame(0, 2, Y.encodeStateAsUpdate(writer, before)))
    const closed = await first.closed
    expect(closed.code).toBe(4413)
    expect(closed.reason).toMatch(/size limit of 8192 bytes/)
    const history = await call(server, 'GET', `/api/docs/${plan.docId}/history`, principal.token)
    expect(history.body.entries).toHaveLength(2)
    expect(await storedText()).toBe('a'.repeat(3000))
  })

  it('refuses a member more connections than allowed with 429 until one closes', async () => {
    const held = [await raw(), await raw(), await raw()]
    expect(await handshakeStatus(server, plan.docId, sari.token)).toBe(429)
    expect(await handshakeStatus(server, plan.docId, principal.token)).toBe(101)
    held[0]?.socket.close()
    await held[0]?.closed
    await expect.poll(() => handshakeStatus(server, plan.docId, sari.token)).toBe(101)
  })
})
