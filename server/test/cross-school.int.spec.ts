import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Session, setUpSchool } from '../../tests/support/school.js'
import { call, handshakeStatus } from './support/http.js'
import { signedInOtherSchool } from './support/second-school.js'
import { startServer, type TestServer, tempDataDir } from './support/test-server.js'

interface Route {
  method: string
  path: string
}

/** Every route the HTTP server answers, read from Express's router, so a new one cannot be forgotten here. */
function routesOf(server: TestServer): Route[] {
  const express = server.app.getHttpAdapter().getInstance() as {
    router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] }
  }
  return express.router.stack.flatMap(({ route }) =>
    route && typeof route.path === 'string'
      ? Object.keys(route.methods).map((method) => ({ method: method.toUpperCase(), path: route.path }))
      : [],
  )
}

/** A body that passes validation where one is needed, so the refusal is about the school, not the shape. */
const bodies: Record<string, unknown> = {
  'POST /api/plans/:planId/team': { memberId: 'm_lain' },
  'POST /api/plans/:planId/step': { to: 'indicators' },
  'POST /api/plans/:planId/feedback': { feedback: 'Tolong perbaiki.' },
  'POST /api/plans/:planId/revise': { reason: 'Perlu diubah.' },
  'POST /api/maps/:mapId/team': { memberId: 'm_lain' },
  'PATCH /api/members/:memberId': { role: 'teacher' },
  'POST /api/meetings/:meetingId/notes': { agendaKey: 'a', text: 'Catatan.' },
  'POST /api/meetings/:meetingId/attendance': { memberId: 'm_lain', present: true },
  'POST /api/decisions/:decisionId/positions': { position: 'agree' },
  'POST /api/decisions/:decisionId/outcome': { outcome: 'rejected', rationale: 'Tidak cocok.' },
  'POST /api/decisions/:decisionId/comments': { text: 'Komentar.' },
  'POST /api/decisions/:decisionId/options': { text: 'Pilihan lain.' },
  'POST /api/decisions/:decisionId/mediation': { text: 'Dibicarakan.' },
  'POST /api/decisions/:decisionId/revisit': { reason: 'Ditinjau ulang.' },
  'POST /api/docs/:docId/restore': { revision: 1 },
  'POST /api/docs/:docId/versions': { revision: 1, name: 'Versi' },
  'POST /api/maps/:mapId/activity-changes': { summary: 'Kegiatan berubah.' },
  'POST /api/maps/:mapId/activity-changes/:changeId/acknowledge': { laneId: 'lane-1' },
  'POST /api/research/:researchId/thresholds': { cukup: 50, baik: 75 },
  'POST /api/research/:researchId/cycles/:cycleNo/steps': { step: 'plan', text: 'Rencana.', done: true },
  'POST /api/research/:researchId/cycles/:cycleNo/scores': { scores: [{ memberId: 'm_lain', score: 50 }] },
  'POST /api/research/:researchId/cycles/:cycleNo/data-steps': { step: 'analyse', done: true },
}
/** Route parameters that name no record of their own: any valid value reaches the record before them. */
const placeholders: Record<string, string> = { cycleNo: '0', changeId: 'pr_contoh' }
/** Query parameters a route needs to get past validation. */
const queries: Record<string, string> = {
  'GET /api/docs/:docId/compare': '?from=0&to=1',
  'GET /api/docs/:docId/frame': '?revision=1',
}

describe('one school never reaches another through any route', () => {
  const data = tempDataDir()
  let server: TestServer
  let outsider: Session
  let principal: Session
  const ids: Record<string, string> = {}
  const names: string[] = []

  beforeAll(async () => {
    server = await startServer(data.dir)
    const school = await setUpSchool(server.httpUrl)
    principal = school.principal
    const sari = await school.member('teacher', 'Bu Sari')
    const plan = await school.plan('Rahasia Tape Ketan', [sari])
    const map = (await call(server, 'POST', '/api/maps', sari.token, { title: 'Peta Rahasia' })).body
    const meeting = (
      await call(server, 'POST', '/api/meetings', principal.token, {
        kind: 'protocol',
        title: 'Rapat Rahasia',
        date: '2025-08-04',
      })
    ).body
    const decision = (
      await call(server, 'POST', '/api/decisions', sari.token, { title: 'Usulan Rahasia', text: 'Isi.' })
    ).body
    const study = (
      await call(server, 'POST', '/api/research', principal.token, {
        title: 'PTS Rahasia',
        focus: 'Pembelajaran kolaboratif',
        instrument: { name: 'Lembar observasi', maxScore: 100 },
        teachers: [sari.user.memberId],
      })
    ).body
    await call(server, 'POST', `/api/research/${study.id}/cycles`, principal.token, {})
    Object.assign(ids, {
      researchId: study.id,
      planId: plan.id,
      docId: plan.docId,
      mapId: map.id,
      meetingId: meeting.id,
      decisionId: decision.id,
      memberId: sari.user.memberId,
    })
    bodies['POST /api/decisions/:decisionId/changes'] = { docId: plan.docId, revision: 1 }
    names.push(
      'Rahasia Tape Ketan',
      'Peta Rahasia',
      'Rapat Rahasia',
      'Usulan Rahasia',
      'Bu Sari',
      'PTS Rahasia',
    )
    outsider = await signedInOtherSchool(server)
  })
  afterAll(async () => {
    await server.close()
    data.remove()
  })

  it('answers 404 on every route that names something of the other school, and stores nothing', async () => {
    const before = (await call(server, 'GET', '/health')).body.store.position
    const named = routesOf(server).filter(
      (route) => route.path.startsWith('/api') && route.path.includes(':'),
    )
    expect(named.length).toBeGreaterThan(35)
    for (const { method, path } of named) {
      const url = path.replace(/:(\w+)/g, (_, param: string) => {
        const id = ids[param] ?? placeholders[param]
        if (!id) throw new Error(`${method} ${path}: no id of the first school for :${param}`)
        return encodeURIComponent(id)
      })
      const route = `${method} ${path}`
      const body = method === 'GET' ? undefined : (bodies[route] ?? {})
      const answer = await call(server, method, `${url}${queries[route] ?? ''}`, outsider.token, body)
      expect(answer.status, route).toBe(404)
    }
    expect((await call(server, 'GET', '/health')).body.store.position).toBe(before)
    expect(await handshakeStatus(server, ids.docId as string, outsider.token)).toBe(404)
  })

  it('shows none of the other school on the routes that list or summarise', async () => {
    const listing = routesOf(server).filter(
      (route) => route.method === 'GET' && route.path.startsWith('/api') && !route.path.includes(':'),
    )
    expect(listing.length).toBeGreaterThan(8)
    for (const { path } of listing) {
      const answer = await call(server, 'GET', path, outsider.token)
      const shown = JSON.stringify(answer.body ?? '')
      for (const secret of [...names, ...Object.values(ids)]) {
        expect(shown, `GET ${path}`).not.toContain(secret)
      }
    }
  })
})
