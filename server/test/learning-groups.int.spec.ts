import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Session, setUpSchool, type TestSchool } from '../../tests/support/school.js'
import { call, connectedSocket } from './support/http.js'
import { startServer, type TestServer, tempDataDir } from './support/test-server.js'

const plan = (responsible: string) => ({
  purpose: 'Menyelaraskan penilaian proyek tape ketan',
  processIndicators: ['Bertemu dua kali sebulan', 'Setiap guru membawa hasil belajar siswa'],
  resultIndicators: ['Rubrik bersama dipakai enam mapel'],
  responsible,
  start: '2026-03-01',
  end: '2026-05-31',
  milestones: [{ date: '2026-04-15', text: 'Rubrik draf selesai' }],
  resources: 'Ruang guru, proyektor',
})

describe('teacher learning groups and the monthly forum over HTTP', () => {
  let data: ReturnType<typeof tempDataDir>
  let server: TestServer
  let school: TestSchool
  let dedi: Session
  let sari: Session
  let budi: Session
  let pengawas: Session

  beforeEach(async () => {
    data = tempDataDir()
    server = await startServer(data.dir)
    school = await setUpSchool(server.httpUrl)
    dedi = await school.member('teacher', 'Pak Dedi')
    sari = await school.member('teacher', 'Bu Sari')
    budi = await school.member('teacher', 'Pak Budi')
    pengawas = await school.member('supervisor', 'Pak Pengawas')
  })
  afterEach(async () => {
    await server.close()
    data.remove()
  })

  const form = (token: string) =>
    call(server, 'POST', '/api/groups', token, {
      name: 'MGMP guru tape ketan',
      kind: 'mgmp',
      basis: 'subject',
      focus: 'Proyek lintas mapel',
      members: [sari.user.memberId],
      leader: dedi.user.memberId,
    })

  it('is formed by the principal; its leader plans and schedules; its members keep the record', async () => {
    expect((await form(dedi.token)).status).toBe(403)
    const formed = await form(school.principal.token)
    expect(formed.status).toBe(201)
    expect(formed.body).toMatchObject({
      leader: dedi.user.memberId,
      members: [dedi.user.memberId, sari.user.memberId],
    })
    const path = `/api/groups/${formed.body.id}`

    expect(
      (await call(server, 'POST', `${path}/action-plan`, sari.token, plan(sari.user.memberId))).status,
    ).toBe(403)
    const planned = await call(server, 'POST', `${path}/action-plan`, dedi.token, plan(sari.user.memberId))
    expect(planned.body.actionPlan.resultIndicators).toEqual(['Rubrik bersama dipakai enam mapel'])
    const badPlan = await call(server, 'POST', `${path}/action-plan`, dedi.token, {
      ...plan(sari.user.memberId),
      end: '2026-02-01',
    })
    expect(badPlan.status).toBe(400)

    const meeting = { date: '2026-03-05', time: '13:30', place: 'Ruang guru', topic: 'Analisis nilai' }
    expect((await call(server, 'POST', `${path}/meetings`, sari.token, meeting)).status).toBe(403)
    expect(
      (await call(server, 'POST', `${path}/meetings`, dedi.token, { ...meeting, time: '25:00' })).status,
    ).toBe(400)
    const scheduled = await call(server, 'POST', `${path}/meetings`, dedi.token, meeting)
    const meetingId = scheduled.body.meetings[0].meetingId as string
    const meetingPath = `${path}/meetings/${meetingId}`
    await call(server, 'POST', `${meetingPath}/attendance`, sari.token, {
      memberId: dedi.user.memberId,
      present: true,
    })
    await call(server, 'POST', `${meetingPath}/attendance`, sari.token, {
      memberId: sari.user.memberId,
      present: true,
    })
    const note = await call(server, 'POST', `${meetingPath}/notes`, sari.token, {
      text: 'Nilai Kimia naik 8 poin.',
    })
    expect(note.body.meetings[0]).toMatchObject({
      attendance: [
        { memberId: dedi.user.memberId, present: true },
        { memberId: sari.user.memberId, present: true },
      ],
      notes: [{ memberId: sari.user.memberId, text: 'Nilai Kimia naik 8 poin.' }],
    })
    expect((await call(server, 'POST', `${meetingPath}/notes`, budi.token, { text: 'x' })).status).toBe(403)
    expect(
      (await call(server, 'POST', `${path}/meetings/tidak-ada/notes`, sari.token, { text: 'x' })).status,
    ).toBe(404)

    const read = await call(server, 'GET', path, pengawas.token)
    expect(read.status).toBe(200)
    expect(read.body.events.map((e: { type: string }) => e.type)).toEqual([
      'GroupFormed',
      'GroupActionPlanSet',
      'GroupMeetingScheduled',
      'GroupAttendanceRecorded',
      'GroupAttendanceRecorded',
      'GroupMeetingNoteWritten',
    ])
    expect(read.body.events[5]).toMatchObject({ actorName: 'Bu Sari' })
    expect((await call(server, 'GET', '/api/groups', pengawas.token)).body).toHaveLength(1)
    expect((await call(server, 'GET', '/api/groups/tidak-ada', pengawas.token)).status).toBe(404)
  })

  it('has the principal name another leader, who then runs the group', async () => {
    const { body: group } = await form(school.principal.token)
    const path = `/api/groups/${group.id}`
    expect(
      (await call(server, 'POST', `${path}/leader`, school.principal.token, { memberId: budi.user.memberId }))
        .status,
    ).toBe(400)
    await call(server, 'POST', `${path}/members`, school.principal.token, { memberId: budi.user.memberId })
    expect(
      (await call(server, 'POST', `${path}/leader`, dedi.token, { memberId: budi.user.memberId })).status,
    ).toBe(403)
    const named = await call(server, 'POST', `${path}/leader`, school.principal.token, {
      memberId: budi.user.memberId,
    })
    expect(named.body.leader).toBe(budi.user.memberId)
    const meeting = { date: '2026-03-19', time: '14:00', place: 'Lab IPA', topic: 'Refleksi' }
    expect((await call(server, 'POST', `${path}/meetings`, dedi.token, meeting)).status).toBe(403)
    expect((await call(server, 'POST', `${path}/meetings`, budi.token, meeting)).status).toBe(200)
    const left = await call(server, 'DELETE', `${path}/members/${dedi.user.memberId}`, school.principal.token)
    expect(left.body.members).not.toContain(dedi.user.memberId)
  })

  it("collects every group's report of a month for the forum, and links decisions raised in a group meeting", async () => {
    const { body: first } = await form(school.principal.token)
    const { body: second } = await call(server, 'POST', '/api/groups', school.principal.token, {
      name: 'KKG literasi',
      kind: 'study',
      basis: 'affinity',
      members: [],
      leader: budi.user.memberId,
    })
    const report = {
      month: '2026-03',
      done: 'Dua pertemuan',
      results: 'Rubrik draf',
      needs: 'Pelatihan asesmen',
    }
    expect((await call(server, 'POST', `/api/groups/${first.id}/reports`, sari.token, report)).status).toBe(
      403,
    )
    expect(
      (
        await call(server, 'POST', `/api/groups/${first.id}/reports`, dedi.token, {
          ...report,
          month: '2026-13',
        })
      ).status,
    ).toBe(400)
    await call(server, 'POST', `/api/groups/${first.id}/reports`, dedi.token, report)
    const forum = await call(server, 'GET', '/api/forum/2026-03', pengawas.token)
    expect(forum.body.reports).toEqual([
      { groupId: first.id, name: 'MGMP guru tape ketan', kind: 'mgmp', leader: dedi.user.memberId, report },
    ])
    expect(forum.body.missing.map((g: { groupId: string }) => g.groupId)).toEqual([second.id])
    expect((await call(server, 'GET', '/api/forum/2026-3', pengawas.token)).status).toBe(400)

    const { body: scheduled } = await call(server, 'POST', `/api/groups/${first.id}/meetings`, dedi.token, {
      date: '2026-03-05',
      time: '13:30',
      place: 'Ruang guru',
      topic: 'Rubrik',
    })
    const groupMeetingId = scheduled.meetings[0].meetingId
    const raised = await call(server, 'POST', '/api/decisions', dedi.token, {
      title: 'Satu rubrik untuk proyek tape ketan',
      text: 'Semua mapel memakai rubrik yang sama.',
      links: [{ kind: 'group', groupId: first.id, groupMeetingId }],
    })
    expect(raised.status).toBe(201)
    const linked = await call(server, 'GET', `/api/decisions?groupId=${first.id}`, pengawas.token)
    expect(linked.body.map((d: { id: string }) => d.id)).toEqual([raised.body.id])
    expect((await call(server, 'GET', `/api/decisions?groupId=${second.id}`, pengawas.token)).body).toEqual(
      [],
    )
    const unknown = await call(server, 'POST', '/api/decisions', dedi.token, {
      title: 'X',
      text: 'Y',
      links: [{ kind: 'group', groupId: first.id, groupMeetingId: 'tidak-ada' }],
    })
    expect(unknown.status).toBe(404)
  })

  it('announces each change of a group to the school as it happens, once each', async () => {
    const socket = await connectedSocket(server, sari.token)
    try {
      const seen: { kind: string; id: string; type: string }[] = []
      socket.on('records:changed', (change) => seen.push(change))
      const formed = await form(school.principal.token)
      const path = `/api/groups/${formed.body.id}`
      const meeting = { date: '2026-03-05', time: '13:30', place: 'Ruang guru', topic: 'Rubrik' }
      expect((await call(server, 'POST', `${path}/meetings`, dedi.token, meeting)).status).toBe(200)
      const stored = (await call(server, 'GET', path, sari.token)).body.events as { type: string }[]
      expect(stored.length).toBeGreaterThan(1)
      const expected = stored.map(({ type }) => ({ kind: 'group', id: formed.body.id, type }))
      await expect.poll(() => seen, { timeout: 10_000 }).toEqual(expected)
    } finally {
      socket.disconnect()
    }
  })
})
