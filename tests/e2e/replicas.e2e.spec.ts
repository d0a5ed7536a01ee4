import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { io, type Socket } from 'socket.io-client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { checkLogIntegrity } from '../reliability/log/log-integrity.js'
import { type CollabClient, connectClient } from '../support/collab-clients.js'
import { type RedisProcess, startRedis } from '../support/redis-process.js'
import { getAs, post, type Session, setUpSchool, type TestPlan } from '../support/school.js'
import { type ServerProcess, startServerProcess } from '../support/server-process.js'
import { startTcpBalancer, type TcpBalancer } from '../support/tcp-balancer.js'

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
  const collabClients: CollabClient[] = []
  const balancers: TcpBalancer[] = []
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
    for (const client of collabClients) client.destroy()
    for (const balancer of balancers) await balancer.close()
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

  it('reads on one replica what another has just written: a new member, a new plan, its document', async () => {
    const [r1, r2, r3] = replicas as [ServerProcess, ServerProcess, ServerProcess]
    for (let round = 0; round < 5; round++) {
      const { invitation } = await post<{ invitation: { code: string } }>(
        r1.httpUrl,
        '/api/members',
        { name: `Guru ${round}`, email: `guru${round}@sekolah.sch.id`, role: 'teacher' },
        principal.token,
      )
      const member = await post<Session>(r2.httpUrl, '/api/auth/accept-invitation', {
        code: invitation.code,
        password: `kata-sandi-guru-${round}`,
      })
      expect((await getAs(r3.httpUrl, '/api/auth/me', member)).status).toBe(200)
      const plan = await post<TestPlan>(
        r3.httpUrl,
        '/api/plans',
        { title: `Rencana ${round}`, grade: 'X', subjects: ['Biologi'], team: [member.user.memberId] },
        principal.token,
      )
      expect((await getAs(r1.httpUrl, `/api/plans/${plan.id}`, member)).status).toBe(200)
      const writer = connectClient(r2.collabUrl, plan.docId, member.token)
      collabClients.push(writer)
      const closes: number[] = []
      writer.provider.on('connection-close', (event) => closes.push(event?.code ?? 0))
      await writer.synced()
      expect(closes).toEqual([])
    }
  })

  it('keeps one document in step across replicas, stores each update once, and loses nothing when one is killed', async () => {
    const [r1, r2, r3] = replicas as [ServerProcess, ServerProcess, ServerProcess]
    const plan = await post<TestPlan>(
      r1.httpUrl,
      '/api/plans',
      {
        title: 'Catatan fermentasi',
        grade: 'XI',
        subjects: ['Kimia'],
        team: [sari.user.memberId, budi.user.memberId],
      },
      principal.token,
    )
    const opener = connectClient(r1.collabUrl, plan.docId, principal.token)
    collabClients.push(opener)
    await opener.synced()
    const balancer = await startTcpBalancer([r2.port, r3.port, r1.port])
    balancers.push(balancer)
    const behindBalancer = `ws://127.0.0.1:${balancer.port}/collab`
    const writers = [
      connectClient(behindBalancer, plan.docId, sari.token),
      connectClient(behindBalancer, plan.docId, budi.token),
      connectClient(behindBalancer, plan.docId, principal.token),
    ]
    collabClients.push(...writers)
    await Promise.all(writers.map((client) => client.synced()))
    const onKilled = balancer.routed.filter((port) => port === r1.port).length
    expect(onKilled).toBeGreaterThan(0)
    const typed: string[] = []
    let round = 0
    const typing = setInterval(() => {
      const client = writers[round % writers.length] as CollabClient
      const token = `[${round++}]`
      typed.push(token)
      client.text.insert(round % 2 ? 0 : client.text.length, token)
    }, 15)
    const texts = () => writers.map((client) => client.text.toString())
    await expect.poll(() => typed.length, { timeout: 20_000 }).toBeGreaterThan(60)

    const routedBeforeKill = balancer.routed.length
    await r1.kill()
    await expect
      .poll(() => balancer.routed.length, { timeout: 20_000 })
      .toBeGreaterThanOrEqual(routedBeforeKill + onKilled)
    expect(balancer.routed.slice(routedBeforeKill)).not.toContain(r1.port)
    await expect.poll(() => typed.length, { timeout: 20_000 }).toBeGreaterThan(150)
    clearInterval(typing)

    await expect
      .poll(() => new Set(texts()).size === 1 && typed.every((token) => texts()[0]?.includes(token)), {
        timeout: 20_000,
      })
      .toBe(true)
    const stored = async () =>
      (await getAs<{ content: { catatan?: string } }>(r3.httpUrl, `/api/docs/${plan.docId}/state`, principal))
        .body.content.catatan
    await expect.poll(stored, { timeout: 30_000 }).toBe(texts()[0])
    expect(checkLogIntegrity(join(dataDir, 'rembuk.db')).problems).toEqual([])
  })

  it('ends the session of a removed member on whichever replica holds it', async () => {
    const [, r2, r3] = replicas as [ServerProcess, ServerProcess, ServerProcess]
    const onTwo = await listen(r2, budi)
    sockets.push(onTwo.socket)
    const disconnected = new Promise<string>((resolve) => onTwo.socket.once('disconnect', resolve))
    const removed = await fetch(`${r3.httpUrl}/api/members/${budi.user.memberId}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${principal.token}` },
    })
    expect(removed.status).toBe(204)
    expect(await disconnected).toBe('io server disconnect')
  })
})
