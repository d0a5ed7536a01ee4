import { docStream } from '@rembuk/domain'
import { PostgresEventStore, PostgresSnapshotStore } from '@rembuk/event-store/postgres'
import { startThrowawayPostgres, type ThrowawayPostgres } from '@rembuk/event-store/postgres-testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { docEvent, docId, typing } from './log-fixture.js'
import { checkStoreLog } from './store-log-check.js'

describe('checkStoreLog on PostgreSQL', () => {
  let server: ThrowawayPostgres
  const { updates, states } = typing()
  const [first, second, third] = updates as [Uint8Array, Uint8Array, Uint8Array]

  beforeAll(async () => {
    server = await startThrowawayPostgres()
  })
  afterAll(async () => {
    await server?.stop()
  })

  async function storeWith(appends: Uint8Array[][], snapshot?: [bigint, Uint8Array]) {
    const url = await server.createDatabase()
    const events = await PostgresEventStore.connect(url)
    const snapshots = await PostgresSnapshotStore.connect(url)
    let expected: bigint | 'no_stream' = 'no_stream'
    for (const payloads of appends) {
      const appended = await events.append(
        docStream(docId),
        payloads.map((payload) => docEvent(payload)),
        expected,
      )
      expected = appended.nextExpectedRevision
    }
    if (snapshot) await snapshots.save({ key: docId, revision: snapshot[0], state: snapshot[1] })
    return { events, snapshots }
  }

  it('finds nothing wrong in a sound log and replays it, also after the server restarts', async () => {
    const { events, snapshots } = await storeWith([[first], [second, third]], [1n, states[1] as Uint8Array])
    try {
      const result = await checkStoreLog(events, snapshots)
      expect(result.problems).toEqual([])
      expect(result).toMatchObject({ ok: true, events: 3, streams: 1, snapshots: 1 })
      expect(result.documents[docId]?.content).toEqual({ catatan: 'abc' })
      await server.restart()
      await expect
        .poll(async () => (await checkStoreLog(events, snapshots)).ok, { timeout: 20_000 })
        .toBe(true)
    } finally {
      await events.close()
      await snapshots.close()
    }
  })

  it('reports a document update stored twice', async () => {
    const { events, snapshots } = await storeWith([[first], [second], [second], [third]])
    try {
      const { problems } = await checkStoreLog(events, snapshots)
      expect(problems).toHaveLength(1)
      expect(problems[0]).toMatch(new RegExp(`^${docId}@2 \\(position \\d+\\): DocUpdated changes nothing`))
    } finally {
      await events.close()
      await snapshots.close()
    }
  })
})
