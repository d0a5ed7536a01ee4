import type { NotificationView } from '@rembuk/domain'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { post, type Session, setUpSchool, type TestSchool } from '../../tests/support/school.js'
import { getJson, startServer, type TestServer, tempDataDir } from './support/test-server.js'

describe('GET /api/notifications', () => {
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

  const kinds = async (session: Session) =>
    (await getJson<NotificationView[]>(server, '/api/notifications', session.token)).body.map(
      (n) => `${n.kind}:${n.by.name}`,
    )

  it("keeps each member's notifications of plan events, newest first, for those they concern", async () => {
    const sari = await school.member('teacher', 'Bu Sari')
    const budi = await school.member('teacher', 'Pak Budi')
    const watcher = await school.member('supervisor', 'Pak Pengawas')
    const plan = await post<{ id: string }>(
      server.httpUrl,
      '/api/plans',
      { title: 'Tape ketan', grade: 'XI', subjects: ['Kimia'] },
      sari.token,
    )
    await post(server.httpUrl, `/api/plans/${plan.id}/team`, { memberId: budi.user.memberId }, sari.token)
    await post(server.httpUrl, `/api/plans/${plan.id}/submit`, {}, sari.token)
    await post(
      server.httpUrl,
      `/api/plans/${plan.id}/feedback`,
      { feedback: 'Tambahkan indikator suhu' },
      school.principal.token,
    )

    const principal = school.principal.user.name
    await expect.poll(() => kinds(budi)).toEqual([`feedback-given:${principal}`, 'team-added:Bu Sari'])
    expect(await kinds(sari)).toEqual([`feedback-given:${principal}`])
    expect(await kinds(school.principal)).toEqual(['plan-submitted:Bu Sari'])
    expect(await kinds(watcher)).toEqual([])
    const [feedback] = (await getJson<NotificationView[]>(server, '/api/notifications', budi.token)).body
    expect(feedback).toMatchObject({ planId: plan.id, title: 'Tape ketan', text: 'Tambahkan indikator suhu' })
  })

  it('refuses a request without a session', async () => {
    expect((await getJson(server, '/api/notifications')).status).toBe(401)
  })
})
