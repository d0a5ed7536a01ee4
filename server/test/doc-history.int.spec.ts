import { activityMap } from '@rembuk/collab'
import type { TimelinePage } from '@rembuk/domain'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type CollabClient, connectClient } from '../../tests/support/collab-clients.js'
import { type Session, setUpSchool, type TestSchool } from '../../tests/support/school.js'
import { call } from './support/http.js'
import { startServer, type TestServer, tempDataDir } from './support/test-server.js'

describe('the history of a document: timeline, compare, named versions, restore', () => {
  let data: ReturnType<typeof tempDataDir>
  let server: TestServer
  let school: TestSchool
  let sari: Session
  let budi: Session
  let map: { id: string; docId: string }
  const clients: CollabClient[] = []

  beforeEach(async () => {
    data = tempDataDir()
    server = await startServer(data.dir)
    school = await setUpSchool(server.httpUrl)
    sari = await school.member('teacher', 'Bu Sari')
    budi = await school.member('teacher', 'Pak Budi')
    const created = await call(server, 'POST', '/api/maps', sari.token, {
      title: 'Membuat tape ketan',
      template: 'tape-ketan',
      team: [budi.user.memberId],
    })
    map = created.body
  })
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    await server.close()
    data.remove()
  })

  const connect = async (session: Session) => {
    const client = connectClient(server.collabUrl, map.docId, session.token)
    clients.push(client)
    await client.synced()
    return client
  }
  const api = (method: string, path: string, session: Session = sari, body?: unknown) =>
    call(server, method, `/api/docs/${map.docId}${path}`, session.token, body)
  const head = async () => (await api('GET', '/history?limit=1')).body.head as number
  /** Waits until the server has stored more than `after`. */
  const storedAfter = async (after: number) => {
    await expect.poll(head).toBeGreaterThan(after)
    return head()
  }
  const laneOf = (client: CollabClient, subject: string) => {
    const lane = activityMap(client.doc)
      .toJson()
      .lanes.find((l) => l.subject === subject)
    if (!lane) throw new Error(`no lane ${subject}`)
    return lane.id
  }

  it('tells who changed which lane and field, and filters by person and by part', async () => {
    const [sariClient, budiClient] = [await connect(sari), await connect(budi)]
    const created = await head()
    const kimia = laneOf(sariClient, 'Kimia (termokimia)')
    activityMap(sariClient.doc).laneText(kimia, 'schedule')?.insert(0, 'Senin-Rabu')
    const afterSari = await storedAfter(created)
    activityMap(budiClient.doc).setActivityField('description', 'Fermentasi selama dua hari.')
    await storedAfter(afterSari)

    const { body: page } = (await api('GET', '/timeline')) as { body: TimelinePage }
    expect(page.entries[0]?.actorName).toBe('Bu Sari')
    expect(new Set(page.entries[0]?.changes.map((change) => change.path[0]))).toEqual(
      new Set(['activity', 'lanes', 'links']),
    )
    expect(page.entries.slice(1).map((e) => [e.revision, e.actorName, e.changes])).toEqual([
      [1, 'Bu Sari', [{ path: ['lanes', kimia, 'schedule'], label: 'Kimia (termokimia)' }]],
      [2, 'Pak Budi', [{ path: ['activity', 'description'] }]],
    ])
    const byBudi = (await api('GET', `/timeline?actor=${budi.user.memberId}`)).body as TimelinePage
    expect(byBudi.entries.map((e) => e.revision)).toEqual([2])
    const frame = (await api('GET', '/frame?revision=1')).body
    expect(frame.entry).toEqual(page.entries[1])
    expect(frame.view).toEqual((await api('GET', '/state?revision=1')).body.view)
    expect((await api('GET', '/frame?revision=99')).status).toBe(404)
    const lanesOnly = (await api('GET', '/timeline?from=1&root=lanes')).body as TimelinePage
    expect(lanesOnly.entries.map((e) => e.revision)).toEqual([1])
    expect((await api('GET', '/timeline?root=bukan%20akar')).status).toBe(400)
  })

  it('compares two revisions field by field, word by word', async () => {
    const sariClient = await connect(sari)
    const created = await head()
    activityMap(sariClient.doc).setActivityField(
      'description',
      'Siswa membuat tape ketan dari beras ketan dan ragi, lalu mengamati fermentasinya selama dua hari.',
    )
    const kimia = laneOf(sariClient, 'Kimia (termokimia)')
    activityMap(sariClient.doc).laneText(kimia, 'schedule')?.insert(0, 'Senin')
    const last = await storedAfter(created)

    const { status, body } = await api('GET', `/compare?from=${created}&to=${last}`)
    expect(status).toBe(200)
    expect(body.kind).toBe('map')
    expect(body.map.activity[0].diff.filter((p: { op: string }) => p.op !== 'same')).toEqual([
      { op: 'removed', text: 'tiga' },
      { op: 'added', text: 'dua' },
    ])
    expect(body.map.lanesChanged).toEqual([
      {
        id: kimia,
        subject: 'Kimia (termokimia)',
        moved: false,
        fields: [{ field: 'schedule', before: '', after: 'Senin', diff: [{ op: 'added', text: 'Senin' }] }],
      },
    ])
    expect((await api('GET', `/compare?from=0&to=${last + 5}`)).status).toBe(404)
  })

  it('restores an earlier revision as a new event that open clients receive; history stays as it was', async () => {
    const [sariClient, budiClient] = [await connect(sari), await connect(budi)]
    const original = activityMap(sariClient.doc).toJson()
    const created = await head()
    const geografi = activityMap(budiClient.doc).addLane({ subject: 'Geografi' })
    activityMap(budiClient.doc).link(geografi, laneOf(budiClient, 'Kimia (termokimia)'), 'iklim')
    const changed = await storedAfter(created)
    const before = (await api('GET', '/history')).body.entries

    const supervisor = await school.member('supervisor', 'Pak Pengawas')
    expect((await api('POST', '/restore', supervisor, { revision: created })).status).toBe(403)
    const restored = await api('POST', '/restore', sari, { revision: created })
    expect(restored).toEqual({ status: 200, body: { revision: changed + 1 } })

    for (const client of [sariClient, budiClient]) {
      await expect.poll(() => activityMap(client.doc).toJson()).toEqual(original)
    }
    const after = (await api('GET', '/history')).body.entries
    expect(after.slice(0, before.length)).toEqual(before)
    expect(after.at(-1)).toMatchObject({ revision: changed + 1, type: 'DocRestored', actorName: 'Bu Sari' })
    const timeline = (await api('GET', `/timeline?from=${changed + 1}`)).body as TimelinePage
    expect(timeline.entries[0]?.restoredRevision).toBe(created)
    const state = await api('GET', `/state?revision=${changed}`)
    expect(state.body.view.map.lanes.map((lane: { subject: string }) => lane.subject)).toContain('Geografi')
    expect((await api('POST', '/restore', sari, { revision: created })).status).toBe(409)
  })

  it('names versions for those who write the document and the principal', async () => {
    const supervisor = await school.member('supervisor', 'Pak Pengawas')
    expect((await api('POST', '/versions', supervisor, { revision: 0, name: 'Awal' })).status).toBe(403)
    expect((await api('POST', '/versions', sari, { revision: 7, name: 'Tidak ada' })).status).toBe(404)
    expect((await api('POST', '/versions', sari, { revision: 0, name: '' })).status).toBe(400)
    const named = await api('POST', '/versions', school.principal, { revision: 0, name: 'Dari templat' })
    expect(named.status).toBe(201)
    expect((await api('GET', '/versions', supervisor)).body).toEqual([
      {
        revision: 0,
        name: 'Dari templat',
        by: { memberId: school.principal.user.memberId, name: 'Bu Kepala' },
        at: expect.any(String),
      },
    ])
  })
})
