import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Session, setUpSchool, type TestSchool } from '../../tests/support/school.js'
import { call } from './support/http.js'
import { signedInOtherSchool } from './support/second-school.js'
import { startServer, type TestServer, tempDataDir } from './support/test-server.js'

/** Three of the class teachers of SDN Lulut 2 and their scores at baseline, cycle I and cycle II. */
const scored = [
  { name: 'Bu Ismiati', scores: [35.75, 46.75, 53.5] },
  { name: 'Bu Lisda', scores: [40.5, 50.5, 60.55] },
  { name: 'Bu Dewi', scores: [52.75, 60.6, 77.1] },
]

describe('school action research over HTTP', () => {
  let data: ReturnType<typeof tempDataDir>
  let server: TestServer
  let school: TestSchool
  let teachers: Session[]
  let coach: Session
  let supervisor: Session
  let committee: Session
  let otherTeacher: Session

  beforeEach(async () => {
    data = tempDataDir()
    server = await startServer(data.dir)
    school = await setUpSchool(server.httpUrl)
    teachers = []
    for (const teacher of scored) teachers.push(await school.member('teacher', teacher.name))
    coach = await school.member('coach', 'Bu Maya')
    supervisor = await school.member('supervisor', 'Pak Hendra')
    committee = await school.member('committee', 'Pak Komite')
    otherTeacher = await school.member('teacher', 'Pak Budi')
  })
  afterEach(async () => {
    await server.close()
    data.remove()
  })

  const startStudy = async (by: Session = school.principal) =>
    call(server, 'POST', '/api/research', by.token, {
      title: 'PTS pembelajaran kolaboratif',
      focus: 'Mengimplementasikan pembelajaran kolaboratif',
      instrument: { name: 'Lembar observasi', maxScore: 100 },
      teachers: teachers.map((t) => t.user.memberId),
    })

  async function studyWithThreeCycles(): Promise<string> {
    const { body: study } = await startStudy()
    for (const cycleNo of [0, 1, 2]) {
      await call(server, 'POST', `/api/research/${study.id}/cycles`, coach.token, {})
      const scores = teachers.map((t, i) => ({
        memberId: t.user.memberId,
        score: scored[i]?.scores[cycleNo],
      }))
      const answer = await call(
        server,
        'POST',
        `/api/research/${study.id}/cycles/${cycleNo}/scores`,
        coach.token,
        {
          scores,
        },
      )
      expect(answer.status).toBe(200)
    }
    return study.id
  }

  it('starts a study with the default bounds, records cycles and computes averages and categories', async () => {
    const started = await startStudy()
    expect(started.status).toBe(201)
    expect(started.body).toMatchObject({ thresholds: { cukup: 51, baik: 75 }, cycles: [], visibility: 'all' })
    const id = await studyWithThreeCycles()
    const { body } = await call(server, 'GET', `/api/research/${id}`, school.principal.token)
    expect(body.results.map((r: { average: number }) => r.average)).toEqual([43, 52.62, 63.72])
    expect(body.results.map((r: { category: string }) => r.category)).toEqual(['kurang', 'cukup', 'cukup'])
    expect(body.results[2].scores.map((s: { category: string }) => s.category)).toEqual([
      'cukup',
      'cukup',
      'baik',
    ])
    expect(body.names[teachers[0]?.user.memberId as string]).toBe('Bu Ismiati')
    const step = await call(server, 'POST', `/api/research/${id}/cycles/1/steps`, coach.token, {
      step: 'reflect',
      text: 'Kelas 1-3 masih Kurang; perlu pendampingan.',
      done: true,
    })
    expect(step.body.cycles[1].steps.reflect).toEqual({
      text: 'Kelas 1-3 masih Kurang; perlu pendampingan.',
      done: true,
    })
    const types = (await call(server, 'GET', `/api/research/${id}`, coach.token)).body.events.map(
      (e: { type: string }) => e.type,
    )
    expect(types.slice(0, 3)).toEqual(['ResearchStarted', 'CycleOpened', 'ScoreRecorded'])
    expect(types.at(-1)).toBe('CycleStepRecorded')
  })

  it('shows scores to the scored teacher, the principal, the coach and the supervisor; averages to others', async () => {
    const id = await studyWithThreeCycles()
    const get = async (who: Session) => (await call(server, 'GET', `/api/research/${id}`, who.token)).body
    for (const who of [school.principal, coach, supervisor]) {
      const body = await get(who)
      expect(body.results[1].scores).toHaveLength(3)
      expect(body.events.filter((e: { type: string }) => e.type === 'ScoreRecorded')[0].data).toHaveProperty(
        'score',
      )
    }
    const lisda = teachers[1] as Session
    const own = await get(lisda)
    expect(own.visibility).toBe('own')
    expect(own.results.map((r: { scores: unknown[] }) => r.scores)).toEqual([
      [{ memberId: lisda.user.memberId, score: 40.5, percent: 40.5, category: 'kurang' }],
      [{ memberId: lisda.user.memberId, score: 50.5, percent: 50.5, category: 'kurang' }],
      [{ memberId: lisda.user.memberId, score: 60.55, percent: 60.55, category: 'cukup' }],
    ])
    expect(own.cycles[0].scores).toEqual({ [lisda.user.memberId]: 40.5 })
    const ownScores = own.events.filter(
      (e: { type: string; data: { score?: number } }) => e.type === 'ScoreRecorded',
    )
    expect(ownScores.filter((e: { data: { score?: number } }) => e.data.score !== undefined)).toHaveLength(3)
    expect(
      ownScores.filter((e: { data: { memberId?: string } }) => e.data.memberId === undefined),
    ).toHaveLength(6)

    for (const who of [committee, otherTeacher]) {
      const body = await get(who)
      expect(body.visibility).toBe('none')
      expect(body.results.map((r: { average: number }) => r.average)).toEqual([43, 52.62, 63.72])
      expect(body.results.flatMap((r: { scores: unknown[] }) => r.scores)).toEqual([])
      expect(body.cycles.map((c: { scores: object }) => c.scores)).toEqual([{}, {}, {}])
      expect(JSON.stringify(body.events)).not.toContain('"score"')
      const list = (await call(server, 'GET', '/api/research', who.token)).body
      expect(JSON.stringify(list)).not.toContain('60.55')
      const asOf = (await call(server, 'GET', '/api/as-of', who.token)).body
      expect(asOf.research[0].results[2].average).toBe(63.72)
      expect(JSON.stringify(asOf.research)).not.toContain('60.55')
    }
    expect(
      JSON.stringify((await call(server, 'GET', '/api/as-of', supervisor.token)).body.research),
    ).toContain('60.55')
  })

  it('lets only the principal and coaches run a study, and keeps it within its school', async () => {
    expect((await startStudy(teachers[0])).status).toBe(403)
    expect((await startStudy(supervisor)).status).toBe(403)
    expect((await startStudy(committee)).status).toBe(403)
    const { body: study } = await startStudy(coach)
    await call(server, 'POST', `/api/research/${study.id}/cycles`, coach.token, {})
    const scoreAs = (who: Session, body: unknown) =>
      call(server, 'POST', `/api/research/${study.id}/cycles/0/scores`, who.token, body)
    expect(
      (
        await scoreAs(teachers[0] as Session, {
          scores: [{ memberId: teachers[0]?.user.memberId, score: 90 }],
        })
      ).status,
    ).toBe(403)
    expect(
      (await scoreAs(coach, { scores: [{ memberId: otherTeacher.user.memberId, score: 50 }] })).status,
    ).toBe(400)
    expect(
      (await scoreAs(coach, { scores: [{ memberId: teachers[0]?.user.memberId, score: 101 }] })).status,
    ).toBe(400)
    expect(
      (await scoreAs(coach, { scores: [{ memberId: teachers[0]?.user.memberId, score: 50.123 }] })).status,
    ).toBe(400)
    expect(
      (
        await call(server, 'POST', `/api/research/${study.id}/cycles/4/steps`, coach.token, {
          step: 'act',
          text: '',
          done: true,
        })
      ).status,
    ).toBe(404)
    const other = await signedInOtherSchool(server)
    expect((await call(server, 'GET', `/api/research/${study.id}`, other.token)).status).toBe(404)
    expect((await call(server, 'GET', '/api/research', other.token)).body).toEqual([])
  })

  it('ticks the data-driven cycle with evidence from the school or a web address', async () => {
    const { body: study } = await startStudy()
    await call(server, 'POST', `/api/research/${study.id}/cycles`, school.principal.token, {})
    const meeting = (
      await call(server, 'POST', '/api/meetings', school.principal.token, {
        kind: 'protocol',
        title: 'Rapat protokol',
        date: '2026-03-12',
      })
    ).body
    const tick = (body: unknown) =>
      call(server, 'POST', `/api/research/${study.id}/cycles/0/data-steps`, school.principal.token, body)
    const ticked = await tick({
      step: 'discuss',
      done: true,
      evidence: { kind: 'meeting', meetingId: meeting.id },
      dataKind: 'student-learning',
    })
    expect(ticked.status).toBe(200)
    expect(ticked.body.cycles[0].dataSteps.discuss).toEqual({
      done: true,
      evidence: { kind: 'meeting', meetingId: meeting.id },
      dataKind: 'student-learning',
      note: '',
    })
    expect(
      (
        await tick({
          step: 'analyse',
          done: true,
          evidence: { kind: 'url', url: 'https://contoh.sch.id/data' },
        })
      ).status,
    ).toBe(200)
    expect(
      (await tick({ step: 'analyse', done: true, evidence: { kind: 'url', url: 'javascript:alert(1)' } }))
        .status,
    ).toBe(400)
    expect(
      (await tick({ step: 'analyse', done: true, evidence: { kind: 'plan', planId: 'rb_tidakada' } })).status,
    ).toBe(404)
    expect((await tick({ step: 'guess', done: true })).status).toBe(400)
  })
})
