import { io, type Socket } from 'socket.io-client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type CollabClient, connectClient } from '../../tests/support/collab-clients.js'
import { post, type Session, setUpSchool, type TestSchool } from '../../tests/support/school.js'
import { startServer, type TestServer, tempDataDir } from './support/test-server.js'

interface Present {
  memberId: string
  name: string
  docIds: string[]
}

/** A socket.io client that keeps everything it receives. */
function listen(server: TestServer, session?: Session) {
  const socket = io(server.httpUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: session ? { token: session.token } : {},
    reconnection: false,
  })
  const received: { event: string; data: unknown }[] = []
  socket.onAny((event: string, data: unknown) => received.push({ event, data }))
  const of = <T>(event: string) => received.filter((r) => r.event === event).map((r) => r.data as T)
  return { socket, received, of }
}

const connected = (socket: Socket) =>
  new Promise<void>((resolve, reject) => {
    if (socket.connected) return resolve()
    socket.once('connect', () => resolve())
    socket.once('connect_error', reject)
  })

describe('the realtime gateway (socket.io)', () => {
  let data: ReturnType<typeof tempDataDir>
  let server: TestServer
  let school: TestSchool
  let sari: Session
  let budi: Session
  const sockets: Socket[] = []
  const collabClients: CollabClient[] = []
  const open = (session?: Session) => {
    const listener = listen(server, session)
    sockets.push(listener.socket)
    return listener
  }

  beforeEach(async () => {
    data = tempDataDir()
    server = await startServer(data.dir)
    school = await setUpSchool(server.httpUrl)
    sari = await school.member('teacher', 'Bu Sari')
    budi = await school.member('teacher', 'Pak Budi')
  })
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.disconnect()
    for (const client of collabClients.splice(0)) client.destroy()
    await server.close()
    data.remove()
  })

  it('refuses a connection without a valid session', async () => {
    for (const session of [undefined, { ...sari, token: 'palsu' }]) {
      const { socket } = open(session)
      await expect(connected(socket)).rejects.toThrow(/unauthorized/)
    }
  })

  it('tells the school who is online and which documents they have open', async () => {
    const kepala = open(school.principal)
    const guru = open(sari)
    await Promise.all([connected(kepala.socket), connected(guru.socket)])
    const ack = await guru.socket.emitWithAck('presence:open', { docId: 'rencana-tape-ketan' })
    expect(ack).toEqual({ ok: true })
    await expect
      .poll(() => kepala.of<{ members: Present[] }>('presence:update').at(-1)?.members)
      .toEqual([
        { memberId: school.principal.user.memberId, name: 'Bu Kepala', role: 'principal', docIds: [] },
        { memberId: sari.user.memberId, name: 'Bu Sari', role: 'teacher', docIds: ['rencana-tape-ketan'] },
      ])
    expect(await guru.socket.emitWithAck('presence:open', { docId: 'bukan id' })).toMatchObject({ ok: false })
    expect(await guru.socket.emitWithAck('presence:open', 'rencana')).toMatchObject({ ok: false })
    guru.socket.disconnect()
    await expect
      .poll(() =>
        kepala
          .of<{ members: Present[] }>('presence:update')
          .at(-1)
          ?.members.map((m) => m.name),
      )
      .toEqual(['Bu Kepala'])
  })

  it('notifies the people a plan change concerns, and updates every list of the school', async () => {
    const kepala = open(school.principal)
    const guruSari = open(sari)
    const guruBudi = open(budi)
    await Promise.all([kepala, guruSari, guruBudi].map((l) => connected(l.socket)))
    const plan = await post<{ id: string }>(
      server.httpUrl,
      '/api/plans',
      { title: 'Tape ketan', grade: 'XI', subjects: ['Kimia'] },
      sari.token,
    )
    await post(server.httpUrl, `/api/plans/${plan.id}/team`, { memberId: budi.user.memberId }, sari.token)
    await post(server.httpUrl, `/api/plans/${plan.id}/submit`, {}, sari.token)
    await post(
      server.httpUrl,
      `/api/plans/${plan.id}/feedback`,
      { feedback: 'Tambah asesmen.' },
      school.principal.token,
    )

    const kinds = (listener: ReturnType<typeof listen>) =>
      listener.of<{ kind: string; planId: string }>('notification:new').map((n) => n.kind)
    await expect.poll(() => kinds(guruBudi)).toEqual(['team-added', 'feedback-given'])
    await expect.poll(() => kinds(kepala)).toEqual(['plan-submitted'])
    await expect.poll(() => kinds(guruSari)).toEqual(['feedback-given'])
    const feedback = guruSari.of<{ text: string; by: { name: string } }>('notification:new')[0]
    expect(feedback).toMatchObject({ text: 'Tambah asesmen.', by: { name: 'Bu Kepala' } })
    for (const listener of [kepala, guruSari, guruBudi]) {
      await expect
        .poll(() => listener.of<{ type: string }>('plans:changed').map((c) => c.type))
        .toEqual(['PlanCreated', 'PlanTeamMemberAdded', 'PlanSubmitted', 'PlanFeedbackGiven'])
    }

    const map = await post<{ id: string }>(
      server.httpUrl,
      '/api/maps',
      { title: 'Peta tape ketan' },
      sari.token,
    )
    await post(server.httpUrl, `/api/maps/${map.id}/archive`, {}, school.principal.token)
    for (const listener of [kepala, guruSari, guruBudi]) {
      await expect
        .poll(() => listener.of<{ mapId: string; type: string }>('maps:changed'))
        .toEqual([
          { mapId: map.id, type: 'MapCreated' },
          { mapId: map.id, type: 'MapArchived' },
        ])
    }

    const meeting = await post<{ id: string }>(
      server.httpUrl,
      '/api/meetings',
      { kind: 'team', title: 'Rapat tim', date: '2026-03-12' },
      sari.token,
    )
    for (const listener of [kepala, guruSari, guruBudi]) {
      await expect
        .poll(() => listener.of<{ kind: string; id: string; type: string }>('records:changed'))
        .toEqual([{ kind: 'meeting', id: meeting.id, type: 'MeetingScheduled' }])
    }
  })

  it('shares the port with the y-websocket endpoint', async () => {
    const { docId } = await school.plan('Bersama', [sari])
    const listener = open(sari)
    const client = connectClient(server.collabUrl, docId, sari.token)
    collabClients.push(client)
    await Promise.all([connected(listener.socket), client.synced()])
    client.text.insert(0, 'Halo')
    expect(listener.socket.connected).toBe(true)
  })
})
