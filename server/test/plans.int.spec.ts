import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Session, setUpSchool, type TestSchool } from '../../tests/support/school.js'
import { call, handshakeStatus } from './support/http.js'
import { signedInOtherSchool } from './support/second-school.js'
import { startServer, type TestServer, tempDataDir } from './support/test-server.js'

async function position(server: TestServer): Promise<number> {
  return (await call(server, 'GET', '/health')).body.store.position
}

const tapeKetan = { title: 'Membuat tape ketan', grade: 'XI', subjects: ['Matematika', 'Kimia', 'Ekonomi'] }

describe('joint plans over HTTP', () => {
  let data: ReturnType<typeof tempDataDir>
  let server: TestServer
  let school: TestSchool
  let sari: Session
  let budi: Session

  beforeEach(async () => {
    data = tempDataDir()
    server = await startServer(data.dir)
    school = await setUpSchool(server.httpUrl)
    sari = await school.member('teacher', 'Bu Sari')
    budi = await school.member('teacher', 'Pak Budi')
  })
  afterEach(async () => {
    await server.close()
    data.remove()
  })

  it('creates a plan with its own document, the creator on the team', async () => {
    const created = await call(server, 'POST', '/api/plans', sari.token, {
      ...tapeKetan,
      team: [budi.user.memberId],
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      ...tapeKetan,
      team: [sari.user.memberId, budi.user.memberId],
      status: 'planning',
      step: 'competencies',
    })
    expect(created.body.docId).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(created.body.id).toBe(created.body.planId)
    const list = await call(server, 'GET', '/api/plans', school.principal.token)
    expect(list.body.map((p: { id: string }) => p.id)).toEqual([created.body.id])
    expect((await call(server, 'GET', `/api/plans/${created.body.id}`, budi.token)).body.title).toBe(
      tapeKetan.title,
    )
  })

  it('goes through the steps, the review and a revision', async () => {
    const { body: plan } = await call(server, 'POST', '/api/plans', sari.token, tapeKetan)
    const path = `/api/plans/${plan.id}`
    expect((await call(server, 'POST', `${path}/step`, sari.token, { to: 'indicators' })).body.step).toBe(
      'indicators',
    )
    expect((await call(server, 'POST', `${path}/submit`, sari.token, {})).body.status).toBe('submitted')
    const feedback = await call(server, 'POST', `${path}/feedback`, school.principal.token, {
      feedback: 'Tambah asesmen.',
    })
    expect(feedback.body).toMatchObject({ status: 'changes-requested', feedback: ['Tambah asesmen.'] })
    await call(server, 'POST', `${path}/submit`, sari.token)
    expect((await call(server, 'POST', `${path}/approve`, school.principal.token)).body.status).toBe(
      'approved',
    )
    const revised = await call(server, 'POST', `${path}/revise`, sari.token, {
      reason: 'Fermentasi jadi dua hari.',
    })
    expect(revised.body.status).toBe('revising')
    expect((await call(server, 'POST', `${path}/approve`, school.principal.token)).status).toBe(409)
    expect((await call(server, 'POST', `${path}/submit`, budi.token)).status).toBe(403)
    expect(
      (await call(server, 'POST', `${path}/team`, sari.token, { memberId: budi.user.memberId })).body.team,
    ).toEqual([sari.user.memberId, budi.user.memberId])
    expect((await call(server, 'POST', `${path}/archive`, school.principal.token)).body.status).toBe(
      'archived',
    )
    expect((await call(server, 'POST', `${path}/step`, sari.token, { to: 'assessment' })).status).toBe(409)
  })

  it('lets only teachers and the principal start plans', async () => {
    for (const role of ['coach', 'staff', 'committee', 'supervisor']) {
      const member = await school.member(role, `Anggota ${role}`)
      expect((await call(server, 'POST', '/api/plans', member.token, tapeKetan)).status, role).toBe(403)
      expect((await call(server, 'GET', '/api/plans', member.token)).status, role).toBe(200)
    }
    expect((await call(server, 'POST', '/api/plans', school.principal.token, tapeKetan)).status).toBe(201)
  })

  it('refuses bad input with a reason and appends nothing', async () => {
    const { body: plan } = await call(server, 'POST', '/api/plans', sari.token, tapeKetan)
    const before = await position(server)
    const cases: [string, string, unknown, number][] = [
      ['POST', '/api/plans', {}, 400],
      ['POST', '/api/plans', { ...tapeKetan, title: '' }, 400],
      ['POST', '/api/plans', { ...tapeKetan, title: 'x'.repeat(201) }, 400],
      ['POST', '/api/plans', { ...tapeKetan, subjects: 'Matematika' }, 400],
      ['POST', '/api/plans', { ...tapeKetan, team: ['bukan-anggota'] }, 400],
      ['POST', `/api/plans/${plan.id}/step`, { to: 'langkah-ketujuh' }, 400],
      ['POST', `/api/plans/${plan.id}/feedback`, { feedback: '' }, 400],
      ['POST', '/api/plans/tidak-ada/submit', {}, 404],
      ['POST', '/api/plans/bukan%20id/submit', {}, 400],
      ['POST', `/api/plans/${plan.id}/team`, { memberId: 'hantu' }, 400],
    ]
    for (const [method, path, body, status] of cases) {
      const answer = await call(server, method, path, sari.token, body)
      expect(answer.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(status)
      expect(typeof answer.body.message).toBe('string')
    }
    expect(await position(server)).toBe(before)
  })

  it('keeps every plan and document of one school out of reach of another school', async () => {
    const { body: plan } = await call(server, 'POST', '/api/plans', sari.token, tapeKetan)
    const outsider = await signedInOtherSchool(server)
    expect(outsider.user.schoolId).toBe('sch_lain')

    expect((await call(server, 'GET', '/api/plans', outsider.token)).body).toEqual([])
    expect((await call(server, 'GET', `/api/plans/${plan.id}`, outsider.token)).status).toBe(404)
    expect((await call(server, 'POST', `/api/plans/${plan.id}/approve`, outsider.token)).status).toBe(404)
    expect((await call(server, 'GET', `/api/docs/${plan.docId}/history`, outsider.token)).status).toBe(404)
    expect((await call(server, 'GET', `/api/docs/${plan.docId}/state`, outsider.token)).status).toBe(404)
    expect(
      (await call(server, 'GET', '/api/members', outsider.token)).body.map((m: { name: string }) => m.name),
    ).toEqual(['Kepala Lain'])
    expect(await handshakeStatus(server, plan.docId, outsider.token)).toBe(404)
    expect(await handshakeStatus(server, plan.docId, sari.token)).toBe(101)
  })
})
