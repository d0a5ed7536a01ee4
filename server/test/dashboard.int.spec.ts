import { rmSync } from 'node:fs'
import { join } from 'node:path'
import { SqliteEventStore } from '@rembuk/event-store'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { post, setUpSchool, type TestSchool } from '../../tests/support/school.js'
import { dashboardProjection, readDashboard } from '../src/dashboard/dashboard-projection.js'
import { readModelFile } from '../src/projections/read-models.js'
import { SqliteProjection } from '../src/projections/sqlite-projection.js'
import { getJson, startServer, type TestServer, tempDataDir } from './support/test-server.js'

describe('the dashboard read model', () => {
  let data: ReturnType<typeof tempDataDir>
  let server: TestServer
  let school: TestSchool

  beforeEach(async () => {
    data = tempDataDir()
    server = await startServer(data.dir)
    school = await setUpSchool(server.httpUrl)
  })
  afterEach(async () => {
    await server.close()
    data.remove()
  })

  async function schoolActivity() {
    const sari = await school.member('teacher', 'Bu Sari')
    const token = school.principal.token
    const plans = []
    for (const title of ['Tape ketan', 'Es krim', 'Pasar']) {
      plans.push(
        await post<{ id: string }>(
          server.httpUrl,
          '/api/plans',
          { title, grade: 'XI', subjects: ['Kimia'] },
          sari.token,
        ),
      )
    }
    const [first, second] = plans as [{ id: string }, { id: string }]
    await post(server.httpUrl, `/api/plans/${first.id}/submit`, {}, sari.token)
    await post(server.httpUrl, `/api/plans/${first.id}/approve`, {}, token)
    await post(server.httpUrl, `/api/plans/${second.id}/submit`, {}, sari.token)
    const map = await post<{ id: string }>(
      server.httpUrl,
      '/api/maps',
      { title: 'Peta tape ketan', template: 'tape-ketan' },
      sari.token,
    )
    await post(server.httpUrl, `/api/maps/${map.id}/archive`, {}, token)
    await post(server.httpUrl, '/api/maps', { title: 'Peta UKS', template: 'cek-kesehatan' }, sari.token)
  }

  const dashboard = async () =>
    (await getJson<Record<string, unknown>>(server, '/api/dashboard', school.principal.token)).body

  const settled = {
    plans: { total: 3, byStatus: { approved: 1, planning: 1, submitted: 1 } },
    maps: { total: 2, active: 1 },
  }

  it('counts plans by status and maps, and lists what happened, newest first', async () => {
    await schoolActivity()
    await expect.poll(dashboard).toMatchObject(settled)
    const live = await dashboard()
    const recent = live.recent as { kind: string; title: string; actorName: string }[]
    expect(recent[0]).toMatchObject({ kind: 'MapCreated', title: 'Peta UKS', actorName: 'Bu Sari' })
    expect(recent.map((r) => r.kind)).toContain('PlanApproved')
    expect(recent.at(-1)).toMatchObject({ kind: 'SchoolSetUp' })
  })

  it('is rebuilt from the log to the same result', async () => {
    await schoolActivity()
    await expect.poll(dashboard).toMatchObject(settled)
    const live = await dashboard()
    await server.close()

    const store = SqliteEventStore.open(join(data.dir, 'rembuk.db'))
    const db = new Database(readModelFile(data.dir))
    const projection = new SqliteProjection(db, store, dashboardProjection)
    projection.reset()
    expect(readDashboard(db, school.principal.user.schoolId).plans.total).toBe(0)
    await projection.start()
    await projection.stop()
    expect(readDashboard(db, school.principal.user.schoolId)).toEqual(live)
    db.close()
    await store.close()

    rmSync(readModelFile(data.dir))
    server = await startServer(data.dir)
    expect(await dashboard()).toEqual(live)
  })
})
