import { activityMap } from '@rembuk/collab'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { connectClient } from '../../tests/support/collab-clients.js'
import { type Session, setUpSchool, type TestSchool } from '../../tests/support/school.js'
import { call } from './support/http.js'
import { startServer, type TestServer, tempDataDir } from './support/test-server.js'

describe('cross-subject activity maps over HTTP and /collab', () => {
  let data: ReturnType<typeof tempDataDir>
  let server: TestServer
  let school: TestSchool
  let sari: Session

  beforeEach(async () => {
    data = tempDataDir()
    server = await startServer(data.dir)
    school = await setUpSchool(server.httpUrl)
    sari = await school.member('teacher', 'Bu Sari')
  })
  afterEach(async () => {
    await server.close()
    data.remove()
  })

  it('offers the tape ketan template and two other activities of the guidebook', async () => {
    const { body } = await call(server, 'GET', '/api/activity-templates', sari.token)
    expect(body.map((t: { id: string }) => t.id)).toEqual(['tape-ketan', 'cek-kesehatan', 'kunjungan-pasar'])
    expect(body[0].subjects).toHaveLength(6)
  })

  it('starts a map from the tape ketan template; the team co-edits its lanes live', async () => {
    const created = await call(server, 'POST', '/api/maps', sari.token, {
      title: 'Proyek tape ketan',
      template: 'tape-ketan',
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      title: 'Proyek tape ketan',
      template: 'tape-ketan',
      team: [sari.user.memberId],
    })
    const { body: map } = await call(server, 'GET', `/api/maps/${created.body.id}`, school.principal.token)
    expect(map.content.activity.title).toBe('Membuat tape ketan')
    expect(map.content.lanes.map((l: { subject: string }) => l.subject)).toContain('Kimia (termokimia)')
    expect(map.content.links).toHaveLength(4)

    const writer = connectClient(server.collabUrl, created.body.docId, sari.token)
    const reader = connectClient(server.collabUrl, created.body.docId, school.principal.token)
    try {
      await Promise.all([writer.synced(), reader.synced()])
      const lanes = activityMap(writer.doc).toJson().lanes
      expect(lanes).toHaveLength(6)
      const chemistry = lanes.find((l) => l.subject.startsWith('Kimia'))?.id as string
      activityMap(writer.doc).laneText(chemistry, 'schedule')?.insert(0, 'Hari 1-3, pukul 07.00')
      await expect
        .poll(
          () =>
            activityMap(reader.doc)
              .toJson()
              .lanes.find((l) => l.id === chemistry)?.texts.schedule,
        )
        .toBe('Hari 1-3, pukul 07.00')
      await expect
        .poll(async () => {
          const { body } = await call(server, 'GET', `/api/maps/${created.body.id}`, sari.token)
          return body.content.lanes.find((l: { id: string }) => l.id === chemistry)?.texts.schedule
        })
        .toBe('Hari 1-3, pukul 07.00')
    } finally {
      writer.destroy()
      reader.destroy()
    }
  })

  it('starts an empty map, lets only teachers and the principal start maps, and refuses unknown templates', async () => {
    const empty = await call(server, 'POST', '/api/maps', sari.token, { title: 'Kunjungan museum' })
    expect((await call(server, 'GET', `/api/maps/${empty.body.id}`, sari.token)).body.content).toEqual({
      activity: { title: 'Kunjungan museum', description: '' },
      lanes: [],
      links: [],
    })
    const coach = await school.member('coach', 'Pembimbing')
    expect((await call(server, 'POST', '/api/maps', coach.token, { title: 'Tidak boleh' })).status).toBe(403)
    expect(
      (await call(server, 'POST', '/api/maps', sari.token, { title: 'X', template: 'tidak-ada' })).status,
    ).toBe(400)
    expect((await call(server, 'GET', '/api/maps/tidak-ada', sari.token)).status).toBe(404)
    expect(
      (await call(server, 'GET', '/api/maps', coach.token)).body.map((m: { title: string }) => m.title),
    ).toEqual(['Kunjungan museum'])
    const archived = await call(server, 'POST', `/api/maps/${empty.body.id}/archive`, school.principal.token)
    expect(archived.body.archived).toBe(true)
  })
})
