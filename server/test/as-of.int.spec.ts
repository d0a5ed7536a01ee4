import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type CollabClient, connectClient } from '../../tests/support/collab-clients.js'
import { type Session, setUpSchool, type TestSchool } from '../../tests/support/school.js'
import { call } from './support/http.js'
import { startServer, type TestServer, tempDataDir } from './support/test-server.js'

describe('the school as of a moment', () => {
  let data: ReturnType<typeof tempDataDir>
  let server: TestServer
  let school: TestSchool
  let sari: Session
  const clients: CollabClient[] = []

  beforeEach(async () => {
    data = tempDataDir()
    server = await startServer(data.dir)
    school = await setUpSchool(server.httpUrl)
    sari = await school.member('teacher', 'Bu Sari')
  })
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    await server.close()
    data.remove()
  })

  const position = async () => (await call(server, 'GET', '/health')).body.store.position as number
  const asOf = async (query: string, as: Session = school.principal) =>
    (await call(server, 'GET', `/api/as-of?${query}`, as.token)).body

  it('shows every plan and map, with its document revision, exactly as it was at one position', async () => {
    const before = await position()
    const plan = (
      await call(server, 'POST', '/api/plans', sari.token, {
        title: 'Tape ketan',
        grade: 'XI',
        subjects: ['Kimia'],
      })
    ).body
    const planCreated = await position()
    const client = connectClient(server.collabUrl, plan.docId, sari.token)
    clients.push(client)
    await client.synced()
    client.text.insert(0, 'Catatan pertama')
    await expect.poll(position).toBeGreaterThan(planCreated)
    const firstWords = await position()
    await call(server, 'POST', `/api/plans/${plan.id}/submit`, sari.token, {})
    const map = (
      await call(server, 'POST', '/api/maps', sari.token, { title: 'Peta', template: 'tape-ketan' })
    ).body

    expect(await asOf(`position=${before}`)).toMatchObject({ position: before, plans: [], maps: [] })
    const early = await asOf(`position=${planCreated}`)
    expect(early.plans).toMatchObject([{ planId: plan.id, status: 'planning', docRevision: 0 }])
    expect(early.maps).toEqual([])
    expect((await asOf(`position=${firstWords}`)).plans).toMatchObject([
      { status: 'planning', docRevision: 1 },
    ])

    const now = await asOf('')
    expect(now.plans).toMatchObject([{ planId: plan.id, status: 'submitted', docRevision: 1 }])
    expect(now.maps).toMatchObject([{ mapId: map.id, title: 'Peta', docRevision: 0 }])
    expect(now.decisions).toEqual([])
    expect(now.position).toBe(await position())
  })

  it('finds the position of a moment, and refuses a malformed one', async () => {
    await call(server, 'POST', '/api/plans', sari.token, {
      title: 'Es krim',
      grade: 'X',
      subjects: ['Kimia'],
    })
    const past = await asOf('at=2020-01-01T00:00:00Z')
    expect(past).toMatchObject({ position: 0, at: null, plans: [], maps: [] })
    const later = await asOf(`at=${new Date(Date.now() + 60_000).toISOString()}`, sari)
    expect(later.plans.map((p: { title: string }) => p.title)).toEqual(['Es krim'])
    expect(later.position).toBe(await position())
    expect((await call(server, 'GET', '/api/as-of?at=kemarin', sari.token)).status).toBe(400)
  })

  it('shows meetings and decisions as they stood: open before the outcome, decided after', async () => {
    const meeting = (
      await call(server, 'POST', '/api/meetings', school.principal.token, {
        kind: 'protocol',
        title: 'Rapat protokol Maret',
        date: '2026-03-12',
      })
    ).body
    const decision = (
      await call(server, 'POST', '/api/decisions', sari.token, {
        title: 'Fermentasi dua hari',
        text: 'Tape matang pada hari kedua.',
        meetingId: meeting.id,
        agendaKey: 'c',
      })
    ).body
    await call(server, 'POST', `/api/decisions/${decision.id}/positions`, sari.token, {
      position: 'agree',
      reason: '',
    })
    const beforeOutcome = await position()
    await call(server, 'POST', `/api/decisions/${decision.id}/outcome`, school.principal.token, {
      outcome: 'accepted',
      rationale: 'Data suhu.',
    })

    const then = await asOf(`position=${beforeOutcome}`)
    expect(then.meetings).toMatchObject([{ meetingId: meeting.id, closed: false }])
    expect(then.meetings[0].agenda).toHaveLength(5)
    expect(then.decisions).toMatchObject([{ decisionId: decision.id, status: 'open', outcome: null }])
    expect((await asOf('')).decisions).toMatchObject([
      { status: 'decided', outcome: { outcome: 'accepted' } },
    ])
  })
})
