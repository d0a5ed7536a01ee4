import type { Socket } from 'socket.io-client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type CollabClient, connectClient } from '../../tests/support/collab-clients.js'
import { type Session, setUpSchool, type TestSchool } from '../../tests/support/school.js'
import { call, connectedSocket, handshakeStatus } from './support/http.js'
import { signedInOtherSchool } from './support/second-school.js'
import { startServer, type TestServer, tempDataDir } from './support/test-server.js'

interface LessonView {
  lessonId: string
  date: string
  roles: { memberId: string; role: string }[]
  taught: boolean
  tasks: { taskId: string; memberId: string; stage: string; text: string; done: boolean }[]
  phases: Record<string, { planned: string; actual: string }>
  reflections: { memberId: string; text: string }[]
  conclusion: { text: string; agreedBy: string[] } | null
}

describe('team teaching over HTTP, /collab and socket.io', () => {
  let data: ReturnType<typeof tempDataDir>
  let server: TestServer
  let school: TestSchool
  let sari: Session
  let budi: Session
  let wati: Session
  const clients: CollabClient[] = []
  const sockets: Socket[] = []
  const arrangement = {
    title: 'Tape ketan: susut berat dan suhu',
    className: 'XI IPA 2',
    subjects: ['Matematika', 'Kimia'],
    model: 'one-teach-one-observe',
  }
  const arrange = (by: Session, teachers: Session[]) =>
    call(server, 'POST', '/api/team-teaching', by.token, {
      ...arrangement,
      teachers: teachers.map((teacher) => teacher.user.memberId),
    })
  const lessonTime = (date: string) => ({ date, start: '07:30', end: '09:00', place: 'Lab kimia' })
  const roleOf = (lesson: LessonView, session: Session) =>
    lesson.roles.find((entry) => entry.memberId === session.user.memberId)?.role

  beforeEach(async () => {
    data = tempDataDir()
    server = await startServer(data.dir)
    school = await setUpSchool(server.httpUrl)
    sari = await school.member('teacher', 'Bu Sari')
    budi = await school.member('teacher', 'Pak Budi')
    wati = await school.member('teacher', 'Bu Wati')
  })
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    for (const socket of sockets.splice(0)) socket.disconnect()
    await server.close()
    data.remove()
  })

  it('arranges a pair, schedules lessons whose roles swap, and keeps every step in its history', async () => {
    const created = await arrange(sari, [sari, budi])
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ ...arrangement, teachers: [sari.user.memberId, budi.user.memberId] })
    expect(created.body.docId).toBe(`ajar-${created.body.id}`)
    const path = `/api/team-teaching/${created.body.id}`

    const first = await call(server, 'POST', `${path}/lessons`, budi.token, lessonTime('2026-04-13'))
    expect(first.status).toBe(201)
    const second = await call(server, 'POST', `${path}/lessons`, sari.token, lessonTime('2026-04-20'))
    const [lesson1, lesson2] = second.body.lessons as LessonView[]
    expect([roleOf(lesson1 as LessonView, sari), roleOf(lesson1 as LessonView, budi)]).toEqual([
      'teach',
      'observe',
    ])
    expect([roleOf(lesson2 as LessonView, sari), roleOf(lesson2 as LessonView, budi)]).toEqual([
      'observe',
      'teach',
    ])
    const l1 = `${path}/lessons/${lesson1?.lessonId}`

    const task = await call(server, 'POST', `${l1}/tasks`, sari.token, {
      memberId: budi.user.memberId,
      stage: 'before',
      text: 'Siapkan termometer',
    })
    const taskId = (task.body.lessons[0] as LessonView).tasks[0]?.taskId
    expect(
      (await call(server, 'POST', `${l1}/tasks/${taskId}/done`, sari.token, { done: true })).status,
    ).toBe(403)
    const ticked = await call(server, 'POST', `${l1}/tasks/${taskId}/done`, budi.token, { done: true })
    expect((ticked.body.lessons[0] as LessonView).tasks[0]).toMatchObject({
      done: true,
      text: 'Siapkan termometer',
    })

    const planned = { phase: 'core', aspect: 'planned', text: 'Menimbang beras ketan' }
    expect((await call(server, 'POST', `${l1}/phases`, sari.token, planned)).status).toBe(200)
    const early = await call(server, 'POST', `${l1}/reflection`, sari.token, { text: 'Terlalu cepat' })
    expect(early.status).toBe(409)
    expect(early.body.message).toMatch(/taught/)
    await call(server, 'POST', `${l1}/taught`, budi.token)
    await call(server, 'POST', `${l1}/phases`, budi.token, {
      ...planned,
      aspect: 'actual',
      text: 'Timbangan rusak',
    })
    await call(server, 'POST', `${l1}/reflection`, sari.token, { text: 'Siswa antusias menimbang' })
    await call(server, 'POST', `${l1}/reflection`, budi.token, { text: 'Perlu timbangan cadangan' })
    await call(server, 'POST', `${l1}/conclusion`, budi.token, { text: 'Bawa dua timbangan' })
    const agreed = await call(server, 'POST', `${l1}/conclusion/agree`, sari.token)
    const evaluated = agreed.body.lessons[0] as LessonView
    expect(evaluated.phases.core).toEqual({ planned: 'Menimbang beras ketan', actual: 'Timbangan rusak' })
    expect(evaluated.reflections.map((r) => r.text)).toEqual([
      'Siswa antusias menimbang',
      'Perlu timbangan cadangan',
    ])
    expect(evaluated.conclusion).toMatchObject({
      text: 'Bawa dua timbangan',
      agreedBy: [budi.user.memberId, sari.user.memberId],
    })

    const { body: detail } = await call(server, 'GET', path, wati.token)
    expect(detail.events.map((event: { type: string }) => event.type)).toEqual([
      'TeamTeachingArranged',
      'LessonScheduled',
      'LessonScheduled',
      'LessonTaskAdded',
      'LessonTaskDone',
      'LessonPhaseNoted',
      'LessonTaught',
      'LessonPhaseNoted',
      'LessonReflectionWritten',
      'LessonReflectionWritten',
      'LessonConclusionProposed',
      'LessonConclusionAgreed',
    ])
    expect(detail.events[1]).toMatchObject({ actorName: 'Pak Budi', actorId: budi.user.memberId })
    const { body: asOf } = await call(
      server,
      'GET',
      `/api/as-of?at=${encodeURIComponent(detail.events[1].at)}`,
      school.principal.token,
    )
    expect(asOf.teaching).toMatchObject([{ teachingId: created.body.id, docRevision: 0 }])
    const { body: before } = await call(server, 'GET', '/api/as-of?position=0', school.principal.token)
    expect(before.teaching).toEqual([])
    const { body: now } = await call(server, 'GET', '/api/as-of', school.principal.token)
    expect(now.teaching[0].lessons[0].conclusion.text).toBe('Bawa dua timbangan')
    const { body: list } = await call(server, 'GET', '/api/team-teaching', school.principal.token)
    expect(list.map((entry: { id: string }) => entry.id)).toEqual([created.body.id])
  })

  it('lets teachers and the principal arrange, only the pair and the principal change, and refuses bad input', async () => {
    const coach = await school.member('coach', 'Bu Maya')
    const staff = await school.member('staff', 'Pak Pustakawan')
    const supervisor = await school.member('supervisor', 'Pak Pengawas')
    expect((await arrange(coach, [sari, budi])).status).toBe(403)
    expect((await arrange(supervisor, [sari, budi])).status).toBe(403)
    expect((await arrange(sari, [sari])).status).toBe(400)
    const withStaff = await arrange(sari, [sari, staff])
    expect(withStaff.status).toBe(400)
    expect(withStaff.body.message).toMatch(/teachers and coaches/)
    expect((await arrange(school.principal, [sari, coach])).status).toBe(201)

    const { body } = await arrange(sari, [sari, budi])
    const path = `/api/team-teaching/${body.id}`
    expect((await call(server, 'POST', `${path}/lessons`, wati.token, lessonTime('2026-04-13'))).status).toBe(
      403,
    )
    expect(
      (await call(server, 'POST', `${path}/lessons`, staff.token, lessonTime('2026-04-13'))).status,
    ).toBe(403)
    const late = await call(server, 'POST', `${path}/lessons`, sari.token, {
      ...lessonTime('2026-04-13'),
      end: '07:00',
    })
    expect(late.status).toBe(400)
    const bad = await call(server, 'POST', `${path}/lessons`, sari.token, { ...lessonTime('2026-02-30') })
    expect(bad.status).toBe(400)
    const changed = await call(server, 'POST', `${path}/details`, school.principal.token, {
      ...arrangement,
      model: 'teaming',
    })
    expect(changed.body.model).toBe('teaming')
    expect((await call(server, 'GET', `${path}x`, sari.token)).status).toBe(404)
    expect((await call(server, 'GET', path, supervisor.token)).status).toBe(200)
  })

  it('opens the preparation document to the pair and the principal for writing and to the school for reading', async () => {
    const { body } = await arrange(sari, [sari, budi])
    const connect = (session: Session) => {
      const client = connectClient(server.collabUrl, body.docId, session.token)
      clients.push(client)
      return client
    }
    const [sariDoc, budiDoc, watiDoc] = [connect(sari), connect(budi), connect(wati)]
    await Promise.all([sariDoc.synced(), budiDoc.synced(), watiDoc.synced()])
    const prep = (client: CollabClient) => client.doc.getText('preparation')
    expect(prep(budiDoc).toString()).toMatch(/^Tape ketan: susut berat dan suhu\n/)
    prep(watiDoc).insert(0, 'Bukan tim. ')
    prep(sariDoc).insert(0, 'Sari menulis. ')
    await expect
      .poll(() => prep(budiDoc).toString(), { timeout: 10_000 })
      .toMatch(/^Sari menulis. Tape ketan/)
    const stored = async () =>
      (await call(server, 'GET', `/api/docs/${body.docId}/state`, school.principal.token)).body.content
        .preparation as string
    await expect.poll(stored, { timeout: 10_000 }).toMatch(/^Sari menulis. /)
    expect(await stored()).not.toMatch(/Bukan tim/)
    const history = await call(server, 'GET', `/api/docs/${body.docId}/timeline`, wati.token)
    expect(history.status).toBe(200)
    const other = await signedInOtherSchool(server)
    expect(await handshakeStatus(server, body.docId, other.token)).toBe(404)
    expect((await call(server, 'GET', `/api/team-teaching/${body.id}`, other.token)).status).toBe(404)
  })

  it('announces every change of an arrangement to the school as records:changed', async () => {
    const socket = await connectedSocket(server, wati.token)
    sockets.push(socket)
    const seen: { kind: string; id: string; type: string }[] = []
    socket.on('records:changed', (change) => seen.push(change))
    const { body } = await arrange(sari, [sari, budi])
    await call(server, 'POST', `/api/team-teaching/${body.id}/lessons`, sari.token, lessonTime('2026-04-13'))
    await expect
      .poll(() => seen, { timeout: 10_000 })
      .toEqual([
        { kind: 'teaching', id: body.id, type: 'TeamTeachingArranged' },
        { kind: 'teaching', id: body.id, type: 'LessonScheduled' },
      ])
  })
})
