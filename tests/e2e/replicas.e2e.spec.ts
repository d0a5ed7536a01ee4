import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { io, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type RedisProcess, startRedis } from '../support/redis-process.js'
import { post, type Session, setUpSchool, type TestPlan } from '../support/school.js'
import { type ServerProcess, startServerProcess } from '../support/server-process.js'

interface Present {
  memberId: string
  docIds: string[]
}

/** A socket.io client on one replica that keeps every event it receives. */
async function listen(server: ServerProcess, session: Session) {
  const socket = io(server.httpUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: { token: session.token },
    reconnection: false,
  })
  const received: { event: string; data: unknown }[] = []
  socket.onAny((event: string, data: unknown) => received.push({ event, data }))
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve())
    socket.once('connect_error', reject)
  })
  const of = <T>(event: string) => received.filter((r) => r.event === event).map((r) => r.data as T)
  return { socket, of }
}

describe('three server replicas on one data directory, with Redis between them', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rembuk-replicas-'))
  const replicas: ServerProcess[] = []
  const sockets: Socket[] = []
  let redis: RedisProcess
  let principal: Session
  let sari: Session
  let budi: Session

  beforeAll(async () => {
    redis = await startRedis()
    const env = (id: string) => ({
      REDIS_URL: redis.url,
      REMBUK_REPLICA_ID: id,
      REMBUK_TOKEN_SECRET: 'rahasia-bersama-semua-replika-0123456789',
    })
    replicas.push(await startServerProcess(dataDir, env('r1')))
    const school = await setUpSchool((replicas[0] as ServerProcess).httpUrl)
    principal = school.principal
    sari = await school.member('teacher', 'Bu Sari')
    budi = await school.member('teacher', 'Pak Budi')
    replicas.push(await startServerProcess(dataDir, env('r2')), await startServerProcess(dataDir, env('r3')))
  })
  afterAll(async () => {
    for (const socket of sockets) socket.disconnect()
    await Promise.all(replicas.map((replica) => replica.stop()))
    await redis?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('shows who is online and where across replicas, and tells each list change once', async () => {
    const [r1, r2, r3] = replicas as [ServerProcess, ServerProcess, ServerProcess]
    const kepala = await listen(r1, principal)
    const onTwo = await listen(r2, sari)
    const onThree = await listen(r3, budi)
    sockets.push(kepala.socket, onTwo.socket, onThree.socket)

    const everyone = [principal, sari, budi].map((member) => member.user.memberId).sort()
    await expect
      .poll(async () => {
        const { members } = await kepala.socket.emitWithAck('presence:list')
        return (members as Present[]).map((member) => member.memberId).sort()
      })
      .toEqual(everyone)

    const plan = await post<TestPlan>(
      r3.httpUrl,
      '/api/plans',
      { title: 'Tape ketan', grade: 'XI', subjects: ['Kimia'], team: [sari.user.memberId] },
      principal.token,
    )
    expect(await onTwo.socket.emitWithAck('presence:open', { docId: plan.docId })).toEqual({ ok: true })
    await expect
      .poll(() => kepala.of<{ members: Present[] }>('presence:update').at(-1)?.members)
      .toContainEqual(expect.objectContaining({ memberId: sari.user.memberId, docIds: [plan.docId] }))

    for (const listener of [kepala, onTwo, onThree]) {
      await expect
        .poll(() => listener.of<{ planId: string }>('plans:changed').filter((c) => c.planId === plan.id))
        .toHaveLength(1)
    }
  })

  it('ends the session of a removed member on whichever replica holds it', async () => {
    const [r1, r2] = replicas as [ServerProcess, ServerProcess]
    const onTwo = await listen(r2, budi)
    sockets.push(onTwo.socket)
    const disconnected = new Promise<string>((resolve) => onTwo.socket.once('disconnect', resolve))
    const removed = await fetch(`${r1.httpUrl}/api/members/${budi.user.memberId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${principal.token}` },
    })
    expect(removed.status).toBe(204)
    expect(await disconnected).toBe('io server disconnect')
  })
})
