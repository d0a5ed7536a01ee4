import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Session, setUpSchool, type TestPlan, type TestSchool } from '../../tests/support/school.js'
import { call } from './support/http.js'
import { signedInOtherSchool } from './support/second-school.js'
import { startServer, type TestServer, tempDataDir } from './support/test-server.js'

const protocolMeeting = { kind: 'protocol', title: 'Rapat Protokol Agustus', date: '2025-08-04' }

async function position(server: TestServer): Promise<number> {
  return (await call(server, 'GET', '/health')).body.store.position
}

/** The text an uncompressed PDF shows, one string per text operator (a TJ array joins its pieces). */
function pdfText(bytes: Buffer): string[] {
  const operators = bytes.toString('latin1').matchAll(/\[([^\]]*)\]\s*TJ/g)
  return [...operators].map(([, array]) =>
    [...(array ?? '').matchAll(/<([0-9a-fA-F]*)>/g)]
      .map(([, hex]) => Buffer.from(hex ?? '', 'hex').toString('latin1'))
      .join(''),
  )
}

describe('meetings and decision records over HTTP', () => {
  let data: ReturnType<typeof tempDataDir>
  let server: TestServer
  let school: TestSchool
  let kepala: Session
  let sari: Session
  let budi: Session
  let wati: Session
  let pengawas: Session
  let komite: Session
  let plan: TestPlan
  let map: { id: string; docId: string; lane: string }

  beforeEach(async () => {
    data = tempDataDir()
    server = await startServer(data.dir)
    school = await setUpSchool(server.httpUrl)
    kepala = school.principal
    sari = await school.member('teacher', 'Bu Sari')
    budi = await school.member('teacher', 'Pak Budi')
    wati = await school.member('teacher', 'Bu Wati')
    pengawas = await school.member('supervisor', 'Pak Pengawas')
    komite = await school.member('committee', 'Ibu Komite')
    plan = await school.plan('Membuat tape ketan', [sari])
    const created = await call(server, 'POST', '/api/maps', sari.token, {
      title: 'Proyek tape ketan',
      template: 'tape-ketan',
    })
    const { body } = await call(server, 'GET', `/api/maps/${created.body.id}`, sari.token)
    const chemistry = body.content.lanes.find((l: { subject: string }) => l.subject.startsWith('Kimia'))
    map = { id: body.id, docId: body.docId, lane: chemistry.id }
  })
  afterEach(async () => {
    await server.close()
    data.remove()
  })

  /** Budi chairs a protocol meeting; Sari proposes under item c, linked to a plan field and a map lane. */
  async function meetingWithProposal() {
    const { body: meeting } = await call(server, 'POST', '/api/meetings', kepala.token, {
      ...protocolMeeting,
      chair: budi.user.memberId,
    })
    const { body: decision } = await call(server, 'POST', '/api/decisions', sari.token, {
      title: 'Suhu diukur dua kali sehari',
      text: 'Kimia mengukur suhu pagi dan sore selama fermentasi.',
      meetingId: meeting.id,
      agendaKey: 'c',
      links: [
        { kind: 'plan-field', planId: plan.id, field: 'assessment' },
        { kind: 'map-lane', mapId: map.id, laneId: map.lane },
      ],
    })
    return { meeting, decision, path: `/api/decisions/${decision.id}` }
  }

  it('schedules a protocol meeting with the five agenda items, records attendance and notes, then closes', async () => {
    const created = await call(server, 'POST', '/api/meetings', kepala.token, {
      ...protocolMeeting,
      chair: budi.user.memberId,
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({ ...protocolMeeting, chair: budi.user.memberId, closed: false })
    expect(created.body.agenda.map((item: { key: string }) => item.key)).toEqual(['a', 'b', 'c', 'd', 'e'])
    expect(created.body.agenda[2].title).toMatch(/Urun rembug/)
    const path = `/api/meetings/${created.body.id}`

    for (const [who, present] of [
      [sari, true],
      [wati, true],
      [komite, false],
    ] as const) {
      const answer = await call(server, 'POST', `${path}/attendance`, budi.token, {
        memberId: who.user.memberId,
        present,
      })
      expect(answer.status).toBe(200)
    }
    expect(
      (
        await call(server, 'POST', `${path}/attendance`, sari.token, {
          memberId: sari.user.memberId,
          present: true,
        })
      ).status,
    ).toBe(403)
    const noted = await call(server, 'POST', `${path}/notes`, kepala.token, {
      agendaKey: 'a',
      text: 'Tiga tim sudah observasi kelas; jadwal bentrok di kelas XI.',
    })
    expect(noted.body.notes).toEqual([
      { agendaKey: 'a', text: 'Tiga tim sudah observasi kelas; jadwal bentrok di kelas XI.' },
    ])
    expect(noted.body.attendance).toEqual([
      { memberId: sari.user.memberId, present: true },
      { memberId: wati.user.memberId, present: true },
      { memberId: komite.user.memberId, present: false },
    ])

    const list = await call(server, 'GET', '/api/meetings', komite.token)
    expect(list.body.map((m: { id: string }) => m.id)).toEqual([created.body.id])
    expect((await call(server, 'POST', `${path}/close`, budi.token)).body.closed).toBe(true)
    expect(
      (await call(server, 'POST', `${path}/notes`, budi.token, { agendaKey: 'b', text: 'x' })).status,
    ).toBe(409)
    const late = await call(server, 'POST', '/api/decisions', sari.token, {
      title: 'Terlambat',
      text: 'Usulan setelah rapat ditutup.',
      meetingId: created.body.id,
    })
    expect(late.status).toBe(409)
  })

  it('takes a proposal through positions, a block, mediation and the outcome, keeping every position', async () => {
    const { meeting, decision, path } = await meetingWithProposal()
    expect(decision).toMatchObject({
      proposedBy: sari.user.memberId,
      meetingId: meeting.id,
      agendaKey: 'c',
      status: 'open',
      links: [
        { kind: 'plan-field', planId: plan.id, field: 'assessment' },
        { kind: 'map-lane', mapId: map.id, laneId: map.lane },
      ],
    })
    const { body: withOption } = await call(server, 'POST', `${path}/options`, sari.token, {
      text: 'Pukul 07.00 dan 15.00',
    })
    const optionId = withOption.options[0].optionId
    await call(server, 'POST', `${path}/positions`, sari.token, { position: 'agree' })
    await call(server, 'POST', `${path}/positions`, wati.token, {
      position: 'disagree',
      reason: 'Sore hari tidak ada guru kimia.',
    })
    const blocked = await call(server, 'POST', `${path}/positions`, wati.token, {
      position: 'block',
      reason: 'Tidak ada termometer cadangan.',
    })
    expect(blocked.body.positions).toEqual([
      { memberId: sari.user.memberId, position: 'agree', reason: '' },
      { memberId: wati.user.memberId, position: 'block', reason: 'Tidak ada termometer cadangan.' },
    ])
    expect(blocked.body.earlierPositions).toEqual([
      { memberId: wati.user.memberId, position: 'disagree', reason: 'Sore hari tidak ada guru kimia.' },
    ])

    const outcome = {
      outcome: 'accepted',
      optionId,
      rationale: 'Data suhu lebih lengkap.',
      reviewDate: '2025-09-01',
    }
    expect((await call(server, 'POST', `${path}/outcome`, sari.token, outcome)).status).toBe(403)
    expect((await call(server, 'POST', `${path}/outcome`, budi.token, outcome)).status).toBe(409)
    expect((await call(server, 'POST', `${path}/outcome`, kepala.token, outcome)).status).toBe(409)
    expect((await call(server, 'POST', `${path}/mediation`, budi.token, { text: 'x' })).status).toBe(403)
    const mediated = await call(server, 'POST', `${path}/mediation`, kepala.token, {
      text: 'Sekolah meminjam termometer dari lab; dicoba dua minggu.',
    })
    expect(mediated.body.mediations).toEqual(['Sekolah meminjam termometer dari lab; dicoba dua minggu.'])
    const decided = await call(server, 'POST', `${path}/outcome`, kepala.token, outcome)
    expect(decided.status).toBe(200)
    expect(decided.body).toMatchObject({
      status: 'decided',
      outcome: {
        outcome: 'accepted',
        optionId,
        rationale: 'Data suhu lebih lengkap.',
        reviewDate: '2025-09-01',
      },
    })

    const { body: full } = await call(server, 'GET', path, sari.token)
    expect(full.events.map((e: { type: string }) => e.type)).toEqual([
      'ProposalRaised',
      'OptionAdded',
      'PositionTaken',
      'PositionTaken',
      'PositionTaken',
      'MediationNoted',
      'OutcomeRecorded',
    ])
    const watiPositions = full.events.filter(
      (e: { type: string; actorId: string }) =>
        e.type === 'PositionTaken' && e.actorId === wati.user.memberId,
    )
    expect(watiPositions.map((e: { data: { position: string } }) => e.data.position)).toEqual([
      'disagree',
      'block',
    ])
    expect(watiPositions[0]).toMatchObject({ actorName: 'Bu Wati', data: { memberId: wati.user.memberId } })
    expect(Date.parse(full.events[0].at)).not.toBeNaN()
  })

  it('lets a supervisor read everything but take no position, and a committee member comment', async () => {
    const { meeting, path } = await meetingWithProposal()
    const refused = await call(server, 'POST', `${path}/positions`, pengawas.token, { position: 'agree' })
    expect(refused.status).toBe(403)
    expect(refused.body.message).toMatch(/supervisor may not take a position/)
    expect((await call(server, 'POST', `${path}/comments`, pengawas.token, { text: 'Baik.' })).status).toBe(
      403,
    )
    expect((await call(server, 'POST', '/api/meetings', pengawas.token, protocolMeeting)).status).toBe(403)
    expect(
      (await call(server, 'POST', '/api/decisions', pengawas.token, { title: 'x', text: 'y' })).status,
    ).toBe(403)
    const commented = await call(server, 'POST', `${path}/comments`, komite.token, {
      text: 'Komite siap membantu.',
    })
    expect(commented.body.comments).toEqual([
      expect.objectContaining({ memberId: komite.user.memberId, text: 'Komite siap membantu.' }),
    ])
    for (const readable of [
      '/api/meetings',
      `/api/meetings/${meeting.id}`,
      `/api/meetings/${meeting.id}/minutes`,
      `/api/meetings/${meeting.id}/minutes.pdf`,
      '/api/decisions',
      path,
    ]) {
      const response = await fetch(`${server.httpUrl}${readable}`, {
        headers: { authorization: `Bearer ${pengawas.token}` },
      })
      expect(response.status, readable).toBe(200)
    }
    const { body: seen } = await call(server, 'GET', `/api/meetings/${meeting.id}`, pengawas.token)
    expect(seen.decisions.map((d: { title: string }) => d.title)).toEqual(['Suhu diukur dua kali sehari'])
  })

  it('finds decisions by the plan, the map and the documents changed because of them', async () => {
    const { decision, path } = await meetingWithProposal()
    const { body: unlinked } = await call(server, 'POST', '/api/decisions', budi.token, {
      title: 'Jadwal KKG dua kali sebulan',
      text: 'Kelompok belajar guru bertemu setiap Rabu kedua dan keempat.',
    })
    const ids = async (query: string) =>
      (await call(server, 'GET', `/api/decisions${query}`, wati.token)).body.map((d: { id: string }) => d.id)
    expect(await ids('')).toEqual([unlinked.id, decision.id])
    expect(await ids(`?planId=${plan.id}`)).toEqual([decision.id])
    expect(await ids(`?mapId=${map.id}`)).toEqual([decision.id])
    expect(await ids(`?docId=${plan.docId}`)).toEqual([])

    expect(
      (await call(server, 'POST', `${path}/changes`, komite.token, { docId: plan.docId, revision: 0 }))
        .status,
    ).toBe(403)
    expect(
      (await call(server, 'POST', `${path}/changes`, sari.token, { docId: plan.docId, revision: 999 }))
        .status,
    ).toBe(400)
    const changed = await call(server, 'POST', `${path}/changes`, sari.token, {
      docId: plan.docId,
      revision: 0,
      note: 'Asesmen suhu ditambahkan.',
    })
    expect(changed.body.changes).toEqual([
      { docId: plan.docId, revision: 0, note: 'Asesmen suhu ditambahkan.' },
    ])
    expect(await ids(`?docId=${plan.docId}`)).toEqual([decision.id])
    expect(await ids(`?docId=${map.docId}`)).toEqual([])
    expect(await ids(`?planId=${plan.id}&docId=${plan.docId}`)).toEqual([decision.id])
  })

  it('writes the minutes from the events, as JSON and as a PDF', async () => {
    const { meeting, decision, path } = await meetingWithProposal()
    const meetingPath = `/api/meetings/${meeting.id}`
    await call(server, 'POST', `${meetingPath}/attendance`, budi.token, {
      memberId: sari.user.memberId,
      present: true,
    })
    await call(server, 'POST', `${meetingPath}/attendance`, budi.token, {
      memberId: wati.user.memberId,
      present: true,
    })
    await call(server, 'POST', `${meetingPath}/attendance`, budi.token, {
      memberId: komite.user.memberId,
      present: false,
    })
    await call(server, 'POST', `${meetingPath}/notes`, budi.token, {
      agendaKey: 'c',
      text: 'Guru butuh waktu bersama.',
    })
    await call(server, 'POST', `${path}/positions`, sari.token, { position: 'agree' })
    await call(server, 'POST', `${path}/positions`, wati.token, {
      position: 'block',
      reason: 'Belum ada alat.',
    })
    await call(server, 'POST', `${path}/positions`, wati.token, {
      position: 'agree',
      reason: 'Alat dipinjam.',
    })
    await call(server, 'POST', `${path}/outcome`, budi.token, {
      outcome: 'accepted',
      rationale: 'Semua setuju.',
      reviewDate: '2025-09-01',
    })

    const { status, body: minutes } = await call(server, 'GET', `${meetingPath}/minutes`, komite.token)
    expect(status).toBe(200)
    expect(minutes).toMatchObject({
      meetingId: meeting.id,
      school: 'SMA Negeri 1 Contoh',
      kind: 'protocol',
      title: 'Rapat Protokol Agustus',
      date: '2025-08-04',
      chair: { memberId: budi.user.memberId, name: 'Pak Budi' },
      attendance: {
        present: [
          { memberId: sari.user.memberId, name: 'Bu Sari' },
          { memberId: wati.user.memberId, name: 'Bu Wati' },
        ],
        absent: [{ memberId: komite.user.memberId, name: 'Ibu Komite' }],
      },
      otherProposals: [],
    })
    expect(minutes.agenda.map((item: { key: string }) => item.key)).toEqual(['a', 'b', 'c', 'd', 'e'])
    const itemC = minutes.agenda[2]
    expect(itemC.notes).toEqual([
      expect.objectContaining({
        text: 'Guru butuh waktu bersama.',
        by: { memberId: budi.user.memberId, name: 'Pak Budi' },
      }),
    ])
    expect(minutes.agenda[0].proposals).toEqual([])
    expect(itemC.proposals).toHaveLength(1)
    expect(itemC.proposals[0]).toMatchObject({
      decisionId: decision.id,
      title: 'Suhu diukur dua kali sehari',
      proposedBy: { name: 'Bu Sari' },
      status: 'decided',
      mediations: [],
      positions: [
        { name: 'Bu Sari', position: 'agree', reason: '', changed: false, earlier: [] },
        {
          name: 'Bu Wati',
          position: 'agree',
          reason: 'Alat dipinjam.',
          changed: true,
          earlier: [{ position: 'block', reason: 'Belum ada alat.' }],
        },
      ],
      outcomes: [
        {
          outcome: 'accepted',
          optionId: null,
          rationale: 'Semua setuju.',
          reviewDate: '2025-09-01',
          by: { memberId: budi.user.memberId, name: 'Pak Budi' },
        },
      ],
    })

    const response = await fetch(`${server.httpUrl}${meetingPath}/minutes.pdf`, {
      headers: { authorization: `Bearer ${sari.token}` },
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('application/pdf')
    const bytes = Buffer.from(await response.arrayBuffer())
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-')
    const text = pdfText(bytes)
    expect(text).toContain('Notulen')
    expect(text).toContain('Rapat Protokol Agustus')
    expect(text).toContain('Bu Sari, Bu Wati')
    expect(text.join('\n')).toMatch(/Bu Wati: Setuju - Alat dipinjam\. \(berubah dari: Menolak \(blok\)\)/)
    expect(text.join('\n')).toMatch(/Keputusan: Diterima \(Pak Budi\)/)
  })

  it('keeps meetings and decisions of one school out of reach of another school', async () => {
    const { meeting, path } = await meetingWithProposal()
    const outsider = await signedInOtherSchool(server)

    const before = await position(server)
    expect((await call(server, 'GET', '/api/meetings', outsider.token)).body).toEqual([])
    expect((await call(server, 'GET', '/api/decisions', outsider.token)).body).toEqual([])
    for (const [method, url, body] of [
      ['GET', `/api/meetings/${meeting.id}`],
      ['GET', `/api/meetings/${meeting.id}/minutes`],
      ['GET', `/api/meetings/${meeting.id}/minutes.pdf`],
      ['POST', `/api/meetings/${meeting.id}/close`],
      ['GET', path],
      ['POST', `${path}/outcome`, { outcome: 'rejected', rationale: 'x' }],
      ['POST', `${path}/positions`, { position: 'agree' }],
      ['POST', '/api/decisions', { title: 'x', text: 'y', meetingId: meeting.id }],
      ['POST', '/api/decisions', { title: 'x', text: 'y', links: [{ kind: 'plan', planId: plan.id }] }],
      ['POST', '/api/decisions', { title: 'x', text: 'y', links: [{ kind: 'map', mapId: map.id }] }],
      ['GET', '/api/decisions/kp_tidak-ada'],
      ['GET', '/api/meetings/rp_tidak-ada'],
    ] as [string, string, unknown?][]) {
      expect((await call(server, method, url, outsider.token, body)).status, `${method} ${url}`).toBe(404)
    }
    expect(await position(server)).toBe(before)
  })

  it('refuses bad input with a reason and appends nothing', async () => {
    const { meeting, path } = await meetingWithProposal()
    const before = await position(server)
    const proposal = { title: 'Usulan', text: 'Isi usulan.' }
    const cases: [string, string, unknown, number][] = [
      ['POST', '/api/meetings', { ...protocolMeeting, kind: 'rapat' }, 400],
      ['POST', '/api/meetings', { ...protocolMeeting, date: '2025-02-30' }, 400],
      ['POST', '/api/meetings', { ...protocolMeeting, title: '' }, 400],
      ['POST', '/api/meetings', { ...protocolMeeting, chair: 'bukan-anggota' }, 400],
      [
        'POST',
        '/api/meetings',
        {
          ...protocolMeeting,
          agenda: [
            { key: 'a', title: 'x' },
            { key: 'a', title: 'y' },
          ],
        },
        400,
      ],
      ['POST', `/api/meetings/${meeting.id}/attendance`, { memberId: sari.user.memberId }, 400],
      ['POST', `/api/meetings/${meeting.id}/notes`, { agendaKey: 'z', text: 'x' }, 400],
      ['POST', '/api/meetings/bukan%20id/close', {}, 400],
      ['POST', '/api/decisions', { ...proposal, meetingId: meeting.id, agendaKey: 'z' }, 400],
      ['POST', '/api/decisions', { ...proposal, agendaKey: 'a' }, 400],
      [
        'POST',
        '/api/decisions',
        { ...proposal, links: [{ kind: 'plan-field', planId: plan.id, field: 'hantu' }] },
        400,
      ],
      [
        'POST',
        '/api/decisions',
        { ...proposal, links: [{ kind: 'map-lane', mapId: map.id, laneId: 'lane-hantu' }] },
        400,
      ],
      ['POST', '/api/decisions', { ...proposal, links: [{ kind: 'kelas', id: 'x' }] }, 400],
      ['POST', '/api/decisions', { ...proposal, links: [{ kind: 'plan', planId: 'tidak-ada' }] }, 404],
      ['POST', `${path}/positions`, { position: 'mungkin' }, 400],
      ['POST', `${path}/positions`, { position: 'block' }, 400],
      ['POST', `${path}/outcome`, { outcome: 'accepted', rationale: 'x', optionId: 'op_hantu' }, 400],
      ['POST', `${path}/outcome`, { outcome: 'accepted', rationale: '' }, 400],
      ['POST', `${path}/outcome`, { outcome: 'accepted', rationale: 'x', reviewDate: 'besok' }, 400],
      ['POST', `${path}/changes`, { docId: plan.docId, revision: -1 }, 400],
      ['POST', `${path}/changes`, { docId: 'dokumen-hantu', revision: 0 }, 404],
      ['POST', `${path}/revisit`, { reason: 'Masih terbuka.' }, 409],
      ['GET', '/api/decisions?planId=bukan%20id', undefined, 400],
    ]
    for (const [method, url, body, status] of cases) {
      const answer = await call(server, method, url, kepala.token, body)
      expect(answer.status, `${method} ${url} ${JSON.stringify(body)}`).toBe(status)
      expect(typeof answer.body.message).toBe('string')
    }
    expect(await position(server)).toBe(before)
  })
})
