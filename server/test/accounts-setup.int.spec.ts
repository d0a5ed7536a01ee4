import { createEventOf, workspaceEventDefinitions, workspaceStream } from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import { afterEach, describe, expect, it } from 'vitest'
import { EVENT_STORE } from '../src/store/store.module.js'
import { call } from './support/http.js'
import { startServer, type TestServer, tempDataDir } from './support/test-server.js'

const rounds = 20

const setup = (who: string) => ({
  schoolName: `Sekolah ${who}`,
  name: `Kepala ${who}`,
  email: `kepala-${who}@sekolah.sch.id`,
  password: 'rahasia-sekali',
})

async function eventsOf(store: EventStore, type: string) {
  const found = []
  for await (const event of store.readAll({ filter: { typePrefixes: [type] } }))
    if (event.type === type) found.push(event)
  return found
}

describe('setting up the workspace from two replicas of one store', () => {
  const servers: TestServer[] = []
  const dirs: ReturnType<typeof tempDataDir>[] = []

  async function replicas(...ids: string[]): Promise<TestServer[]> {
    const data = tempDataDir()
    dirs.push(data)
    const started: TestServer[] = []
    for (const replicaId of ids) started.push(await startServer(data.dir, { replicaId }))
    servers.push(...started)
    return started
  }

  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close()
    for (const data of dirs.splice(0)) data.remove()
  })

  it(`makes exactly one school when two replicas are set up at once, ${rounds} times`, async () => {
    for (let round = 0; round < rounds; round++) {
      const [one, two] = (await replicas('one', 'two')) as [TestServer, TestServer]
      const answers = await Promise.all([
        call(one, 'POST', '/api/setup', undefined, setup('satu')),
        call(two, 'POST', '/api/setup', undefined, setup('dua')),
      ])
      expect(answers.map((a) => a.status).sort(), `round ${round}`).toEqual([201, 409])
      const lost = answers.find((a) => a.status === 409)
      expect(lost?.body.message).toBe('This workspace already has a school')
      const store = one.app.get<EventStore>(EVENT_STORE)
      const schools = await eventsOf(store, 'SchoolSetUp')
      expect(schools, `round ${round}`).toHaveLength(1)
      const [claim] = await eventsOf(store, 'WorkspaceClaimed')
      expect(claim?.data).toEqual({ schoolId: answers.find((a) => a.status === 201)?.body.user.schoolId })
      for (const server of [one, two])
        expect((await call(server, 'GET', '/api/setup')).body).toEqual({ setUpNeeded: false })
      for (const server of servers.splice(0)) await server.close()
      for (const data of dirs.splice(0)) data.remove()
    }
  }, 150_000)

  it('sets up the claimed school when the setup that claimed the workspace stopped before it', async () => {
    const [one, two] = (await replicas('one', 'two')) as [TestServer, TestServer]
    const claim = createEventOf(
      workspaceEventDefinitions,
      { type: 'WorkspaceClaimed', data: { schoolId: 'sch-terputus' } },
      { actorId: 'm-terputus' },
    )
    await one.app.get<EventStore>(EVENT_STORE).append(workspaceStream, [claim], 'no_stream')
    expect((await call(two, 'GET', '/api/setup')).body).toEqual({ setUpNeeded: true })
    const done = await call(two, 'POST', '/api/setup', undefined, setup('dua'))
    expect(done.status).toBe(201)
    expect(done.body.user).toMatchObject({ schoolId: 'sch-terputus', schoolName: 'Sekolah dua' })
    await expect.poll(async () => (await call(one, 'GET', '/api/setup')).body).toEqual({ setUpNeeded: false })
    expect(await call(one, 'POST', '/api/setup', undefined, setup('satu'))).toMatchObject({
      status: 409,
      body: { message: 'This workspace already has a school' },
    })
    expect((await call(one, 'GET', '/api/auth/me', done.body.token)).status).toBe(200)
  })
})
