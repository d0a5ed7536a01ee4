import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { post, setUpSchool, type TestSchool } from '../../tests/support/school.js'
import { startServer, type TestServer, tempDataDir } from './support/test-server.js'

describe('bad input on every endpoint', () => {
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

  it('gets a 4xx with a message, and nothing is appended', async () => {
    const teacher = await school.member('teacher', 'Bu Sari')
    const plan = await post<{ id: string }>(
      server.httpUrl,
      '/api/plans',
      { title: 'T', grade: 'X', subjects: ['Kimia'] },
      teacher.token,
    )
    const map = await post<{ id: string }>(server.httpUrl, '/api/maps', { title: 'Peta' }, teacher.token)
    const position = async () =>
      ((await (await fetch(`${server.httpUrl}/health`)).json()) as { store: { position: number } }).store
        .position
    const before = await position()
    const long = 'x'.repeat(5001)
    const cases: [string, string, unknown, number][] = [
      ['POST', '/api/auth/login', { email: 'bukan-email', password: 'x' }, 400],
      ['POST', '/api/auth/login', { email: 'a@b.id' }, 400],
      ['POST', '/api/auth/accept-invitation', { code: 'pendek', password: 'sandi-panjang' }, 400],
      [
        'POST',
        '/api/auth/accept-invitation',
        { code: 'kode-yang-tidak-pernah-ada', password: 'sandi-panjang' },
        404,
      ],
      ['POST', '/api/members', { name: 'Baru', email: 'baru@x.id', role: 'kepala' }, 400],
      ['POST', '/api/members', { name: '', email: 'baru@x.id', role: 'teacher' }, 400],
      ['POST', '/api/members', 'bukan json objek', 400],
      ['PATCH', '/api/members/bukan%20id', { role: 'coach' }, 400],
      ['DELETE', '/api/members/tidak-ada', undefined, 404],
      ['POST', `/api/plans/${plan.id}/feedback`, { feedback: long }, 400],
      ['POST', `/api/plans/${plan.id}/revise`, {}, 400],
      ['POST', `/api/plans/${plan.id}/team`, { memberId: 42 }, 400],
      ['DELETE', `/api/plans/${plan.id}/team/bukan%20id`, undefined, 400],
      ['POST', '/api/maps', { title: 'x'.repeat(201) }, 400],
      ['POST', '/api/maps', { title: 'Peta', template: 'BESAR' }, 400],
      ['POST', '/api/maps', { title: 'Peta', team: ['orang-asing'] }, 400],
      ['POST', `/api/maps/${map.id}/team`, { memberId: 'orang-asing' }, 400],
      ['POST', '/api/maps/tidak-ada/archive', undefined, 404],
      ['GET', '/api/maps/bukan%20id', undefined, 400],
      ['GET', '/api/docs/bukan%20id/history', undefined, 400],
      ['GET', '/api/docs/tidak-ada/state?revision=-1', undefined, 400],
      ['GET', '/api/docs/tidak-ada/history?limit=100000', undefined, 400],
    ]
    for (const [method, path, body, status] of cases) {
      const response = await fetch(`${server.httpUrl}${path}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${school.principal.token}` },
        ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
      })
      const answer = (await response.json()) as { message?: unknown }
      expect(response.status, `${method} ${path}`).toBe(status)
      expect(typeof answer.message, `${method} ${path}`).toBe('string')
    }
    expect(await position()).toBe(before)
  })
})
