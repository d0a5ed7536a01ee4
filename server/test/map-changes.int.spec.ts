import { activityMap } from '@rembuk/collab'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type CollabClient, connectClient } from '../../tests/support/collab-clients.js'
import { type Session, setUpSchool, type TestSchool } from '../../tests/support/school.js'
import { call } from './support/http.js'
import { startServer, type TestServer, tempDataDir } from './support/test-server.js'

describe('a change of a map’s shared activity, propagated to its lanes', () => {
  let data: ReturnType<typeof tempDataDir>
  let server: TestServer
  let school: TestSchool
  let sari: Session
  let budi: Session
  let supervisor: Session
  let outsider: Session
  let client: CollabClient
  let map: { id: string; docId: string }
  const laneIds: Record<string, string> = {}

  beforeEach(async () => {
    data = tempDataDir()
    server = await startServer(data.dir)
    school = await setUpSchool(server.httpUrl)
    sari = await school.member('teacher', 'Bu Sari')
    budi = await school.member('teacher', 'Pak Budi')
    supervisor = await school.member('supervisor', 'Pak Pengawas')
    outsider = await school.member('teacher', 'Bu Luar')
    map = (
      await call(server, 'POST', '/api/maps', sari.token, {
        title: 'Proyek tape ketan',
        template: 'tape-ketan',
        team: [budi.user.memberId],
      })
    ).body
    client = connectClient(server.collabUrl, map.docId, sari.token)
    await client.synced()
    const editor = activityMap(client.doc)
    for (const lane of editor.toJson().lanes) laneIds[lane.subject.split(' ')[0] as string] = lane.id
    editor.setLaneField(laneIds.Matematika as string, 'teacher', 'Bu Sari')
    editor.setLaneField(laneIds.Kimia as string, 'teacher', ' pak  budi ')
  })
  afterEach(async () => {
    client.destroy()
    await server.close()
    data.remove()
  })

  const content = async () => (await call(server, 'GET', `/api/maps/${map.id}`, sari.token)).body
  const announce = (who: Session, summary = 'Fermentasi dua hari, bukan tiga') =>
    call(server, 'POST', `/api/maps/${map.id}/activity-changes`, who.token, { summary })
  const acknowledge = (who: Session, changeId: string, laneId: string) =>
    call(server, 'POST', `/api/maps/${map.id}/activity-changes/${changeId}/acknowledge`, who.token, {
      laneId,
    })

  async function shortenFermentation() {
    const editor = activityMap(client.doc)
    editor.setActivityField(
      'description',
      editor.toJson().activity.description.replace('tiga hari', 'dua hari'),
    )
    await expect
      .poll(async () => (await content()).content.activity.description, { timeout: 10_000 })
      .toMatch(/dua hari/)
  }

  it('refuses an announcement while the activity is what the lanes were planned against', async () => {
    await expect
      .poll(async () =>
        (await content()).content.lanes.some((l: { teacher: string }) => l.teacher === 'Bu Sari'),
      )
      .toBe(true)
    const refused = await announce(budi)
    expect(refused.status).toBe(409)
    expect(refused.body.message).toMatch(/not changed/)
  })

  it('flags every lane, resolves lane teachers to members, and tracks who has reviewed', async () => {
    await shortenFermentation()
    const announced = await announce(budi)
    expect(announced.status).toBe(200)
    const [change] = announced.body.activityChanges
    expect(change.before.description).toMatch(/tiga hari/)
    expect(change.after.description).toMatch(/dua hari/)
    expect(change.lanes).toHaveLength(6)
    expect(change.lanes.find((l: { laneId: string }) => l.laneId === laneIds.Kimia)).toMatchObject({
      teacherId: budi.user.memberId,
    })
    expect(change.lanes.find((l: { laneId: string }) => l.laneId === laneIds.Matematika)).toMatchObject({
      teacherId: sari.user.memberId,
      teacherName: 'Bu Sari',
    })
    expect(change.lanes.filter((l: { teacherId: string | null }) => l.teacherId === null)).toHaveLength(4)
    expect(change.acknowledgements).toEqual([{ laneId: laneIds.Kimia, memberId: budi.user.memberId }])

    const sariReviews = (await call(server, 'GET', '/api/map-reviews', sari.token)).body
    expect(sariReviews.map((r: { subject: string }) => r.subject)).toContain('Matematika')
    expect(sariReviews).toHaveLength(5)
    expect((await call(server, 'GET', '/api/map-reviews', outsider.token)).body).toEqual([])

    expect((await acknowledge(budi, change.changeId, laneIds.Matematika as string)).status).toBe(403)
    expect((await acknowledge(outsider, change.changeId, laneIds.Biologi as string)).status).toBe(403)
    expect((await acknowledge(sari, 'pr_tidakada', laneIds.Matematika as string)).status).toBe(404)
    const acknowledged = await acknowledge(sari, change.changeId, laneIds.Matematika as string)
    expect(acknowledged.status).toBe(200)
    expect(acknowledged.body.activityChanges[0].acknowledgements).toHaveLength(2)
    expect(
      (await call(server, 'GET', '/api/map-reviews', sari.token)).body.map(
        (r: { subject: string }) => r.subject,
      ),
    ).not.toContain('Matematika')

    const detail = await content()
    expect(detail.events.map((e: { type: string }) => e.type)).toEqual([
      'MapCreated',
      'ActivityChangeAnnounced',
      'LaneChangeAcknowledged',
      'LaneChangeAcknowledged',
    ])
    expect(detail.events[3]).toMatchObject({ actorName: 'Bu Sari', data: { laneId: laneIds.Matematika } })
    const recent = (await call(server, 'GET', '/api/dashboard', school.principal.token)).body.recent
    expect(recent.map((r: { kind: string }) => r.kind)).toContain('ActivityChangeAnnounced')
    expect((await announce(sari)).status).toBe(409)
  })

  it('is announced only by those who edit the map', async () => {
    await shortenFermentation()
    expect((await announce(supervisor)).status).toBe(403)
    expect((await announce(outsider)).status).toBe(403)
    expect((await announce(sari, '')).status).toBe(400)
    expect((await announce(school.principal)).status).toBe(200)
  })
})
