import { io, type Socket } from 'socket.io-client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Session, setUpSchool } from '../../tests/support/school.js'
import { startServer, type TestServer, tempDataDir } from './support/test-server.js'

describe('what the realtime gateway does with packets it does not expect', () => {
  let data: ReturnType<typeof tempDataDir>
  let server: TestServer
  let principal: Session
  let socket: Socket
  const refusals: { event: string; error: string }[] = []

  beforeEach(async () => {
    data = tempDataDir()
    server = await startServer(data.dir, { maxMessagesPerSecond: 10 })
    principal = (await setUpSchool(server.httpUrl)).principal
    socket = io(server.httpUrl, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: { token: principal.token },
      reconnection: false,
    })
    refusals.length = 0
    socket.on('error:refused', (refusal: { event: string; error: string }) => refusals.push(refusal))
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
  })
  afterEach(async () => {
    socket.disconnect()
    await server.close()
    data.remove()
  })

  it('answers an unknown event with an error, through its acknowledgement when it has one', async () => {
    expect(await socket.emitWithAck('rencana:hapus', { planId: 'x' })).toEqual({
      ok: false,
      error: 'unknown event: rencana:hapus',
    })
    socket.emit('presensi')
    await expect.poll(() => refusals).toEqual([{ event: 'presensi', error: 'unknown event: presensi' }])
    expect(await socket.emitWithAck('presence:open', { docId: 42 })).toEqual({
      ok: false,
      error: 'expected { docId } with a valid document id',
    })
    expect(socket.connected).toBe(true)
  })

  it('tells a client that sends more messages a second than allowed, and disconnects it', async () => {
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve))
    for (let i = 0; i < 40; i++) socket.emit('presence:list')
    expect(await disconnected).toBe('io server disconnect')
    expect(refusals).toContainEqual({ event: 'presence:list', error: 'too many messages a second' })
  })
})
