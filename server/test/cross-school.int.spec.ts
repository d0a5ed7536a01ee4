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
  'POST /api/walkthroughs/:walkthroughId/other-time': { lessonAt: '2026-04-08T10:30' },
  'POST /api/walkthroughs/:walkthroughId/cancel': { reason: 'Batal.' },
  'POST /api/walkthroughs/:walkthroughId/notes': { focus: 'engagement', minute: 5, text: 'Catatan.' },
  'POST /api/walkthroughs/:walkthroughId/conversation': { text: 'Perbincangan.' },
  'POST /api/walkthroughs/:walkthroughId/reflections': { text: 'Refleksi.' },
  'POST /api/walkthroughs/:walkthroughId/commitment': { text: 'Komitmen.', by: '2026-04-14' },
  'POST /api/docs/:docId/restore': { revision: 1 },
  'POST /api/docs/:docId/versions': { revision: 1, name: 'Versi' },
  'POST /api/team-teaching/:teachingId/details': {
    title: 'Diambil alih',
    className: 'X',
    subjects: ['Kimia'],
    model: 'teaming',
  },
  'POST /api/team-teaching/:teachingId/lessons': {
    date: '2026-04-13',
    start: '07:30',
    end: '09:00',
    place: 'Lab',
  },
  'POST /api/team-teaching/:teachingId/lessons/:lessonId/time': {
    date: '2026-04-14',
    start: '07:30',
    end: '09:00',
    place: 'Lab',
  },
  'POST /api/team-teaching/:teachingId/lessons/:lessonId/roles': {
    roles: [
      { memberId: 'm_lain', role: 'teach' },
      { memberId: 'm_lain2', role: 'observe' },
    ],
  },
  'POST /api/team-teaching/:teachingId/lessons/:lessonId/tasks': {
    memberId: 'm_lain',
    stage: 'before',
    text: 'Tugas',
  },
  'POST /api/team-teaching/:teachingId/lessons/:lessonId/tasks/:taskId': { text: 'Tugas lain' },
  'POST /api/team-teaching/:teachingId/lessons/:lessonId/tasks/:taskId/done': { done: true },
  'POST /api/team-teaching/:teachingId/lessons/:lessonId/phases': {
    phase: 'core',
    aspect: 'planned',
    text: 'Rencana',
  },
  'POST /api/team-teaching/:teachingId/lessons/:lessonId/reflection': { text: 'Refleksi' },
  'POST /api/team-teaching/:teachingId/lessons/:lessonId/conclusion': { text: 'Kesimpulan' },
  'POST /api/groups/:groupId/members': { memberId: 'm_lain' },
  'POST /api/groups/:groupId/leader': { memberId: 'm_lain' },
  'POST /api/groups/:groupId/action-plan': {
    purpose: 'Tujuan',
    processIndicators: ['Proses'],
    resultIndicators: ['Hasil'],
    responsible: 'm_lain',
    start: '2026-03-01',
    end: '2026-03-31',
    milestones: [],
    resources: '',
  },
  'POST /api/groups/:groupId/meetings': { date: '2026-03-05', time: '13:30', place: 'Ruang', topic: 'Topik' },
  'POST /api/groups/:groupId/meetings/:meetingId/attendance': { memberId: 'm_lain', present: true },
  'POST /api/groups/:groupId/meetings/:meetingId/notes': { text: 'Catatan.' },
  'POST /api/groups/:groupId/reports': { month: '2026-03', done: 'Ini', results: 'Itu' },
  'POST /api/item-reviews/:reviewId/reviewers': { memberId: 'm_lain' },
  'POST /api/item-reviews/:reviewId/items/:itemId/comments': { text: 'Komentar.' },
  'POST /api/item-reviews/:reviewId/items/:itemId/status': { status: 'agreed' },
  'POST /api/maps/:mapId/activity-changes': { summary: 'Kegiatan berubah.' },
  'POST /api/maps/:mapId/activity-changes/:changeId/acknowledge': { laneId: 'lane-1' },
  'POST /api/research/:researchId/thresholds': { cukup: 50, baik: 75 },
  'POST /api/research/:researchId/cycles/:cycleNo/steps': { step: 'plan', text: 'Rencana.', done: true },
  'POST /api/research/:researchId/cycles/:cycleNo/scores': { scores: [{ memberId: 'm_lain', score: 50 }] },
  'POST /api/research/:researchId/cycles/:cycleNo/data-steps': { step: 'analyse', done: true },
}
/** Routes whose parameter names a period, not a record: they summarise the school, as the listings do. */
const summaries: Record<string, string> = { 'GET /api/forum/:month': '/api/forum/2026-03' }
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
    const budi = await school.member('teacher', 'Pak Budi')
    const pair = (
      await call(server, 'POST', '/api/team-teaching', sari.token, {
        title: 'Pasangan Rahasia',
        className: 'XI IPA 2',
        subjects: ['Matematika', 'Kimia'],
        model: 'one-teach-one-observe',
        teachers: [sari.user.memberId, budi.user.memberId],
      })
    ).body
    const path = `/api/team-teaching/${pair.id}`
    const lessonTime = { date: '2026-04-13', start: '07:30', end: '09:00', place: 'Lab' }
    const lessonId = (await call(server, 'POST', `${path}/lessons`, sari.token, lessonTime)).body.lessons[0]
      .lessonId
    const task = await call(server, 'POST', `${path}/lessons/${lessonId}/tasks`, sari.token, {
      memberId: sari.user.memberId,
      stage: 'before',
      text: 'Tugas rahasia',
    })
    const walkthrough = (
      await call(server, 'POST', '/api/walkthroughs', budi.token, {
        observer: budi.user.memberId,
        observed: sari.user.memberId,
        className: 'Kelas Rahasia',
        lessonAt: '2026-04-07T09:00',
        focuses: ['engagement'],
      })
    ).body
    const group = (
      await call(server, 'POST', '/api/groups', principal.token, {
        name: 'Kelompok Rahasia',
        kind: 'mgmp',
        basis: 'subject',
        leader: sari.user.memberId,
      })
    ).body
    await call(server, 'POST', `/api/groups/${group.id}/reports`, sari.token, {
      month: '2026-03',
      done: 'Laporan Rahasia',
      results: 'Hasil.',
    })
    const review = (
      await call(server, 'POST', '/api/item-reviews', sari.token, {
        testName: 'Ujian Rahasia',
        subject: 'Biologi',
        className: 'XI',
        testDate: '2026-03-24',
        items: ['Soal Rahasia'],
      })
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
      teachingId: pair.id,
      lessonId,
      taskId: task.body.lessons[0].tasks[0].taskId,
      groupId: group.id,
      reviewId: review.id,
      itemId: review.items[0].itemId,
      researchId: study.id,
      planId: plan.id,
      docId: plan.docId,
      mapId: map.id,
      meetingId: meeting.id,
      decisionId: decision.id,
      memberId: sari.user.memberId,
      walkthroughId: walkthrough.id,
    })
    bodies['POST /api/decisions/:decisionId/changes'] = { docId: plan.docId, revision: 1 }
    bodies['POST /api/walkthroughs/:walkthroughId/plan-citations'] = { planId: plan.id }
    names.push(
      'Pasangan Rahasia',
      'Tugas rahasia',
      'Rahasia Tape Ketan',
      'Peta Rahasia',
      'Rapat Rahasia',
      'Usulan Rahasia',
      'Bu Sari',
      'Kelas Rahasia',
      'Kelompok Rahasia',
      'Laporan Rahasia',
      'Ujian Rahasia',
      'Soal Rahasia',
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
      (route) =>
        route.path.startsWith('/api') &&
        route.path.includes(':') &&
        !(`${route.method} ${route.path}` in summaries),
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
    for (const path of [...listing.map((route) => route.path), ...Object.values(summaries)]) {
      const answer = await call(server, 'GET', path, outsider.token)
      const shown = JSON.stringify(answer.body ?? '')
      for (const secret of [...names, ...Object.values(ids)]) {
        expect(shown, `GET ${path}`).not.toContain(secret)
      }
    }
  })
})
