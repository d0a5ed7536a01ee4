import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { SignJWT } from 'jose'
import { io } from 'socket.io-client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { connectClient } from '../../tests/support/collab-clients.js'
import { type Session, setUpSchool, type TestSchool } from '../../tests/support/school.js'
import { call, handshakeStatus } from './support/http.js'
import { getJson, startServer, type TestServer, tempDataDir } from './support/test-server.js'

const roles = ['principal', 'teacher', 'coach', 'staff', 'committee', 'supervisor'] as const

function socketConnects(server: TestServer, token: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = io(server.httpUrl, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: { token },
      reconnection: false,
    })
    socket.once('connect', () => {
      socket.disconnect()
      resolve(true)
    })
    socket.once('connect_error', () => resolve(false))
  })
}

describe('first run and accounts', () => {
  let data: ReturnType<typeof tempDataDir>
  let server: TestServer

  beforeEach(async () => {
    data = tempDataDir()
    server = await startServer(data.dir)
  })
  afterEach(async () => {
    await server.close()
    data.remove()
  })

  it('sets up the school and its principal once, then answers 409', async () => {
    expect((await call(server, 'GET', '/api/setup')).body).toEqual({ setUpNeeded: true })
    const first = await call(server, 'POST', '/api/setup', undefined, {
      schoolName: 'SMA Negeri 1 Contoh',
      name: 'Bu Kepala',
      email: 'Kepala@Sekolah.sch.id',
      password: 'rahasia-sekali',
    })
    expect(first.status).toBe(201)
    expect(first.body.user).toMatchObject({
      role: 'principal',
      email: 'kepala@sekolah.sch.id',
      schoolName: 'SMA Negeri 1 Contoh',
    })
    expect(typeof first.body.token).toBe('string')
    const again = await call(server, 'POST', '/api/setup', undefined, {
      schoolName: 'Sekolah Lain',
      name: 'Orang Lain',
      email: 'lain@sekolah.sch.id',
      password: 'rahasia-juga',
    })
    expect(again).toMatchObject({ status: 409, body: { message: 'This workspace already has a school' } })
    expect((await call(server, 'GET', '/api/setup')).body).toEqual({ setUpNeeded: false })
  })

  it('refuses bad setup input with the reasons and appends nothing', async () => {
    const before = (await getJson<{ store: { position: number } }>(server, '/health')).body.store.position
    for (const body of [
      {},
      { schoolName: 'S', name: 'N', email: 'bukan-email', password: 'panjang-sekali' },
      { schoolName: 'S', name: 'N', email: 'a@b.id', password: 'pendek' },
      { schoolName: 'x'.repeat(201), name: 'N', email: 'a@b.id', password: 'panjang-sekali' },
      { schoolName: 'S', name: 42, email: 'a@b.id', password: 'panjang-sekali' },
    ]) {
      const answer = await call(server, 'POST', '/api/setup', undefined, body)
      expect(answer.status).toBe(400)
      expect(answer.body.issues.length).toBeGreaterThan(0)
    }
    expect((await getJson<{ store: { position: number } }>(server, '/health')).body.store.position).toBe(
      before,
    )
  })

  describe('with a school', () => {
    let school: TestSchool

    beforeEach(async () => {
      school = await setUpSchool(server.httpUrl)
    })

    it('signs in with the right password only', async () => {
      const ok = await call(server, 'POST', '/api/auth/login', undefined, {
        email: 'kepala@sekolah.sch.id',
        password: 'kata-sandi-kepala',
      })
      expect(ok.status).toBe(200)
      expect(ok.body.user.memberId).toBe(school.principal.user.memberId)
      for (const wrong of [
        { email: 'kepala@sekolah.sch.id', password: 'salah-sandi' },
        { email: 'tidak-ada@sekolah.sch.id', password: 'kata-sandi-kepala' },
      ]) {
        expect(await call(server, 'POST', '/api/auth/login', undefined, wrong)).toMatchObject({
          status: 401,
          body: { message: 'Email or password is wrong' },
        })
      }
    })

    it('makes an email wait after five wrong passwords, even for the right one, with Retry-After', async () => {
      const login = async (password: string) => {
        const response = await fetch(`${server.httpUrl}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: 'kepala@sekolah.sch.id', password }),
        })
        return { status: response.status, retryAfter: response.headers.get('retry-after') }
      }
      for (let i = 0; i < 5; i++) expect((await login(`salah-${i}`)).status).toBe(401)
      const blocked = await login('kata-sandi-kepala')
      expect(blocked.status).toBe(429)
      expect(Number(blocked.retryAfter)).toBeGreaterThan(800)
      const other = await call(server, 'POST', '/api/auth/login', undefined, {
        email: 'tidak-ada@sekolah.sch.id',
        password: 'salah',
      })
      expect(other.status).toBe(401)
    })

    it('refuses missing, forged and expired tokens', async () => {
      expect((await call(server, 'GET', '/api/auth/me')).status).toBe(401)
      expect((await call(server, 'GET', '/api/auth/me', 'bukan.token.sah', undefined)).status).toBe(401)
      const forged = await new SignJWT({ sch: school.principal.user.schoolId })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(school.principal.user.memberId)
        .setIssuer('rembuk')
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode('kunci-palsu-yang-cukup-panjang-untuk-hs256'))
      expect((await call(server, 'GET', '/api/auth/me', forged, undefined)).status).toBe(401)
      const secret = readFileSync(join(data.dir, 'token-secret'), 'utf8').trim()
      const expired = await new SignJWT({ sch: school.principal.user.schoolId })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(school.principal.user.memberId)
        .setIssuer('rembuk')
        .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
        .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
        .sign(new TextEncoder().encode(secret))
      expect(await call(server, 'GET', '/api/auth/me', expired, undefined)).toMatchObject({
        status: 401,
        body: { message: 'The session has expired; sign in again' },
      })
      expect(await handshakeStatus(server, 'rencana', expired)).toBe(401)
      expect((await call(server, 'GET', '/api/auth/me', school.principal.token, undefined)).status).toBe(200)
    })

    it('invites a member, whose invitation works once', async () => {
      const invited = await call(server, 'POST', '/api/members', school.principal.token, {
        name: 'Bu Sari',
        email: 'sari@sekolah.sch.id',
        role: 'teacher',
      })
      expect(invited.status).toBe(201)
      const { code } = invited.body.invitation
      const accepted = await call(server, 'POST', '/api/auth/accept-invitation', undefined, {
        code,
        password: 'sandi-bu-sari',
      })
      expect(accepted.body.user).toMatchObject({ name: 'Bu Sari', role: 'teacher' })
      expect(
        (
          await call(server, 'POST', '/api/auth/accept-invitation', undefined, {
            code,
            password: 'sandi-lain-1',
          })
        ).status,
      ).toBe(404)
      const login = await call(server, 'POST', '/api/auth/login', undefined, {
        email: 'sari@sekolah.sch.id',
        password: 'sandi-bu-sari',
      })
      expect(login.status).toBe(200)
      const twice = await call(server, 'POST', '/api/members', school.principal.token, {
        name: 'Sari Lagi',
        email: 'sari@sekolah.sch.id',
        role: 'coach',
      })
      expect(twice.status).toBe(409)
    })

    it('applies the permission table to every role on HTTP and on /collab', async () => {
      const sessions: Record<string, Session> = { principal: school.principal }
      for (const role of roles.slice(1)) sessions[role] = await school.member(role, `Anggota ${role}`)
      const target = await school.member('teacher', 'Sasaran')
      const { docId } = await school.plan('Rencana bersama', [sessions.teacher as Session])
      const { id: reviewedPlan } = await school.plan('Untuk ditinjau', [sessions.teacher as Session])
      await call(server, 'POST', `/api/plans/${reviewedPlan}/submit`, (sessions.teacher as Session).token, {})
      for (const role of [...roles].reverse()) {
        const feedback = await call(
          server,
          'POST',
          `/api/plans/${reviewedPlan}/feedback`,
          (sessions[role] as Session).token,
          { feedback: 'Bagus' },
        )
        expect(feedback.status, `${role} reviews a plan`).toBe(role === 'principal' ? 200 : 403)
      }
      for (const role of roles) {
        const token = (sessions[role] as Session).token
        const list = await call(server, 'GET', '/api/members', token, undefined)
        expect(list.status, `${role} lists members`).toBe(200)
        const invite = await call(server, 'POST', '/api/members', token, {
          name: 'Baru',
          email: `baru-${role}@x.id`,
          role: 'teacher',
        })
        expect(invite.status, `${role} invites`).toBe(role === 'principal' ? 201 : 403)
        const change = await call(server, 'PATCH', `/api/members/${target.user.memberId}`, token, {
          role: 'coach',
        })
        expect(change.status, `${role} changes a role`).toBe(role === 'principal' ? 200 : 403)
        const history = await call(server, 'GET', '/api/docs/belum-ada/history', token, undefined)
        expect(history.status, `${role} reads history`).toBe(404)
        expect(await handshakeStatus(server, docId, token), `${role} opens the plan`).toBe(101)
        const mayStart = role === 'principal' || role === 'teacher'
        const plan = await call(server, 'POST', '/api/plans', token, {
          title: 'T',
          grade: 'X',
          subjects: ['Kimia'],
        })
        expect(plan.status, `${role} starts a plan`).toBe(mayStart ? 201 : 403)
        const map = await call(server, 'POST', '/api/maps', token, { title: 'Peta' })
        expect(map.status, `${role} starts a map`).toBe(mayStart ? 201 : 403)
        expect(
          (await call(server, 'GET', '/api/plans', token, undefined)).status,
          `${role} lists plans`,
        ).toBe(200)
        expect((await call(server, 'GET', '/api/maps', token, undefined)).status, `${role} lists maps`).toBe(
          200,
        )
        expect(
          (await call(server, 'GET', '/api/dashboard', token, undefined)).status,
          `${role} reads the dashboard`,
        ).toBe(200)
        expect(await socketConnects(server, token), `${role} joins the realtime channel`).toBe(true)
        expect(await handshakeStatus(server, 'tidak-ada', token), `${role} opens an unknown document`).toBe(
          404,
        )
      }
    })

    it('lets the team and the principal write a plan; everyone else reads, and their edits are not stored', async () => {
      const guru = await school.member('teacher', 'Bu Guru')
      const { docId } = await school.plan('Rencana diawasi', [guru])
      const writer = connectClient(server.collabUrl, docId, guru.token)
      const principal = connectClient(server.collabUrl, docId, school.principal.token)
      const readers = await Promise.all(
        (['supervisor', 'committee', 'teacher', 'coach', 'staff'] as const).map(async (role) =>
          connectClient(server.collabUrl, docId, (await school.member(role, `Pembaca ${role}`)).token),
        ),
      )
      try {
        await Promise.all([writer, principal, ...readers].map((c) => c.synced()))
        writer.text.insert(0, 'Indikator disepakati.')
        for (const reader of readers)
          await expect.poll(() => reader.text.toString()).toBe('Indikator disepakati.')
        for (const reader of readers) reader.text.insert(0, 'UBAHAN ')
        writer.text.insert(writer.text.length, ' Selesai.')
        await expect.poll(() => principal.text.toString()).toBe('Indikator disepakati. Selesai.')
        principal.text.insert(principal.text.length, ' Disetujui.')
        const state = () =>
          getJson<{ content: { catatan?: unknown } }>(server, `/api/docs/${docId}/state`, guru.token).then(
            (r) => r.body.content.catatan,
          )
        const final = 'Indikator disepakati. Selesai. Disetujui.'
        await expect.poll(state).toEqual(final)
        await expect.poll(() => writer.text.toString()).toBe(final)
        const history = await getJson<{ entries: { actorId: string }[] }>(
          server,
          `/api/docs/${docId}/history`,
          guru.token,
        )
        expect(new Set(history.body.entries.map((e) => e.actorId))).toEqual(
          new Set([guru.user.memberId, school.principal.user.memberId]),
        )
      } finally {
        for (const client of [writer, principal, ...readers]) client.destroy()
      }
    })

    it('shuts out a removed member at once, and keeps one principal', async () => {
      const guru = await school.member('teacher', 'Akan Keluar')
      expect((await call(server, 'GET', '/api/auth/me', guru.token, undefined)).status).toBe(200)
      const removed = await call(
        server,
        'DELETE',
        `/api/members/${guru.user.memberId}`,
        school.principal.token,
        undefined,
      )
      expect(removed.status).toBe(204)
      expect((await call(server, 'GET', '/api/auth/me', guru.token, undefined)).status).toBe(401)
      expect(await handshakeStatus(server, 'rencana', guru.token)).toBe(401)
      const last = await call(
        server,
        'DELETE',
        `/api/members/${school.principal.user.memberId}`,
        school.principal.token,
        undefined,
      )
      expect(last).toMatchObject({ status: 409, body: { message: 'A school keeps at least one principal' } })
      const unknown = await call(server, 'PATCH', '/api/members/tidak-ada', school.principal.token, {
        role: 'coach',
      })
      expect(unknown.status).toBe(404)
      const badRole = await call(
        server,
        'PATCH',
        `/api/members/${school.principal.user.memberId}`,
        school.principal.token,
        { role: 'raja' },
      )
      expect(badRole.status).toBe(400)
    })
  })
})
