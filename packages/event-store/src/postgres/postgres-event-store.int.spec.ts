import { randomUUID } from 'node:crypto'
import pg from 'pg'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { actor, collect, newEvents } from '../contract/helpers.js'
import { testEventStore } from '../contract/index.js'
import { WrongExpectedRevisionError } from '../errors.js'
import type { RecordedEvent, Subscription } from '../port.js'
import { listenerName } from './append-listener.js'
import { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store.js'
import { startThrowawayPostgres, type ThrowawayPostgres } from './throwaway-postgres.js'

let server: ThrowawayPostgres
beforeAll(async () => {
  server = await startThrowawayPostgres()
})
afterAll(async () => {
  await server?.stop()
})

testEventStore('postgres (a real server)', async () => {
  const { url } = server
  let store = await PostgresEventStore.connect(url)
  return {
    store,
    async reopen() {
      await store.close()
      store = await PostgresEventStore.connect(url)
      return store
    },
    async dispose() {
      await store.close()
      const client = new pg.Client({ connectionString: url })
      await client.connect()
      await client.query('TRUNCATE rembuk_events, rembuk_checkpoints RESTART IDENTITY')
      await client.end()
    },
  }
})

/** Longer than any wait below: a test that passes can only have been woken by a notice. */
const safetyPollMs = 30_000

describe('PostgreSQL event store', () => {
  let url: string
  const opened: { close(): Promise<void> }[] = []
  const open = async (options: PostgresEventStoreOptions = {}) => {
    const store = await PostgresEventStore.connect(url, { safetyPollMs, ...options })
    opened.push(store)
    return store
  }
  const rawClient = async () => {
    const client = new pg.Client({ connectionString: url })
    client.on('error', () => {})
    await client.connect()
    opened.push({ close: () => client.end().catch(() => {}) })
    return client
  }

  beforeEach(async () => {
    url = await server.createDatabase()
  })
  afterEach(async () => {
    for (const resource of opened.splice(0).reverse()) await resource.close()
    await server.dropDatabase(url)
  })

  it('never lets a reader pass an event whose transaction commits after a later one', async () => {
    const store = await open()
    const received = consume(store.subscribe({ afterPosition: 0n }))
    await received.subscription.caughtUp

    const slow = await rawClient()
    await slow.query('BEGIN')
    const { rows } = await slow.query<{ position: string }>(
      `INSERT INTO rembuk_events (id, stream_id, revision, type, data, metadata)
       VALUES ($1, 'gap-slow', 0, 'Slow', '{}', $2) RETURNING position`,
      [randomUUID(), JSON.stringify(actor)],
    )
    const early = BigInt(rows[0]?.position ?? 0)
    const late = await store.append('gap-fast', newEvents(1, 'Fast'), 'no_stream')
    expect(late.position).toBeGreaterThan(early)

    const { rows: committed } = await (await rawClient()).query('SELECT type FROM rembuk_events')
    expect(committed).toEqual([{ type: 'Fast' }])
    expect(await collect(store.readAll())).toEqual([])
    expect(await store.headPosition()).toBe(0n)
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(received.events).toEqual([])

    await slow.query('COMMIT')
    await expect.poll(() => received.events.map((e) => e.type), { timeout: 2_000 }).toEqual(['Slow', 'Fast'])
    expect(received.events.map((e) => e.position)).toEqual([early, late.position])
    expect((await collect(store.readAll())).map((e) => e.type)).toEqual(['Slow', 'Fast'])
    expect(await store.headPosition()).toBe(late.position)
  })

  it('refuses to take positions in a transaction that already has an id, which could order them wrongly', async () => {
    await open()
    const client = await rawClient()
    await client.query('BEGIN')
    await client.query('SELECT pg_current_xact_id()')
    await expect(
      client.query(
        `SELECT rembuk_insert_events('early-id', 0, ARRAY[$1]::uuid[], ARRAY['T'], ARRAY['{}']::json[],
           ARRAY[NULL]::bytea[], ARRAY[$2]::json[])`,
        [randomUUID(), JSON.stringify(actor)],
      ),
    ).rejects.toThrow(/first write of its transaction/)
    await client.query('ROLLBACK')
  })

  it('lets exactly one of two stores (replicas starting together) take each revision of a stream', async () => {
    const [a, b] = await Promise.all([open(), open()])
    const stream = 'contested-doc'
    await a.append(stream, newEvents(1, 'Start'), 'no_stream')
    const winners: string[] = []
    for (let revision = 0n; revision < 30n; revision++) {
      const results = await Promise.allSettled([
        a.append(stream, newEvents(1, 'A'), revision),
        b.append(stream, newEvents(1, 'B'), revision),
      ])
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i === 0 ? 'A' : 'B'] : []))
      expect(won).toHaveLength(1)
      const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult
      expect(lost.reason).toBeInstanceOf(WrongExpectedRevisionError)
      expect((lost.reason as WrongExpectedRevisionError).actual).toBe(revision + 1n)
      winners.push(won[0] as string)
    }
    const read = await collect(b.readStream(stream))
    expect(read.map((e) => e.revision)).toEqual(Array.from({ length: 31 }, (_, i) => BigInt(i)))
    expect(read.slice(1).map((e) => e.type)).toEqual(winners)
    expect(new Set(read.map((e) => e.id)).size).toBe(31)
  })

  it('gets over a revision taken by a writer that bypassed the stream lock', async () => {
    const store = await open()
    const stream = 'bypassed'
    await store.append(stream, newEvents(1), 'no_stream')
    const other = await rawClient()
    const takeUncommitted = async (revision: number) => {
      await other.query('BEGIN')
      await other.query(
        `INSERT INTO rembuk_events (id, stream_id, revision, type, data, metadata)
         VALUES ($1, $2, $3, 'Other', '{}', $4)`,
        [randomUUID(), stream, revision, JSON.stringify(actor)],
      )
    }
    const blockedOn = async <T>(append: Promise<T>): Promise<T> => {
      append.catch(() => {})
      await new Promise((resolve) => setTimeout(resolve, 100))
      await other.query('COMMIT')
      return append
    }

    await takeUncommitted(1)
    const any = await blockedOn(store.append(stream, newEvents(1, 'Any'), 'any'))
    expect(any.nextExpectedRevision).toBe(2n)

    await takeUncommitted(3)
    const error = await blockedOn(store.append(stream, newEvents(1, 'Exact'), 2n)).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(WrongExpectedRevisionError)
    expect((error as WrongExpectedRevisionError).actual).toBe(3n)
    expect((await collect(store.readStream(stream))).map((e) => e.type)).toEqual([
      'ThingHappened',
      'Other',
      'Any',
      'Other',
    ])
  })

  it('wakes a subscription on one store when another store appends, well before the safety poll', async () => {
    const [reader, writer] = [await open(), await open()]
    const ofStream = consume(reader.subscribe({ stream: 'woken-doc' }))
    const ofLog = consume(
      reader.subscribe({ filter: { streamPrefixes: ['woken-'], typePrefixes: ['Wanted'] } }),
    )
    await Promise.all([ofStream.subscription.caughtUp, ofLog.subscription.caughtUp])
    for (let i = 0; i < 3; i++) {
      await writer.append('woken-doc', newEvents(1, 'Wanted', i), 'any')
      await expect.poll(() => ofStream.events.length, { timeout: 1_000, interval: 10 }).toBe(i + 1)
      await expect.poll(() => ofLog.events.length, { timeout: 1_000, interval: 10 }).toBe(i + 1)
    }
  })

  it('on an append, reads only for the subscriptions it concerns', async () => {
    const [reader, writer] = [await open({ maxConnections: 4 }), await open()]
    const documents = Array.from({ length: 200 }, (_, i) => consume(reader.subscribe({ stream: `doc-${i}` })))
    const projections = [
      consume(reader.subscribe({ filter: { streamPrefixes: ['plan-'] } })),
      consume(reader.subscribe({ filter: { typePrefixes: ['Other'] } })),
    ]
    await Promise.all([...documents, ...projections].map(({ subscription }) => subscription.caughtUp))
    let reads = 0
    reader.pool.on('acquire', () => {
      reads += 1
    })
    await writer.append('doc-7', newEvents(2, 'DocUpdated'), 'any')
    await expect.poll(() => documents[7]?.events.length, { timeout: 1_000, interval: 10 }).toBe(2)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(reads).toBeLessThan(10)
    expect(documents.filter(({ events }) => events.length > 0)).toHaveLength(1)
  })

  it('reads once after its listening connection comes back, for the notices sent while it was down', async () => {
    const [reader, writer] = [await open(), await open()]
    const ofStream = consume(reader.subscribe({ stream: 'missed-doc' }))
    await ofStream.subscription.caughtUp
    const admin = await rawClient()
    const listeners = `FROM pg_stat_activity WHERE application_name = '${listenerName}'`
    await admin.query(`SELECT pg_terminate_backend(pid) ${listeners}`)
    await expect.poll(async () => (await admin.query(`SELECT pid ${listeners}`)).rowCount).toBe(0)
    await writer.append('missed-doc', newEvents(1), 'no_stream')
    await expect.poll(() => ofStream.events.length, { timeout: 2_000, interval: 10 }).toBe(1)
  })

  it('gets over a restart and a crash of the server: appends fail meanwhile, subscriptions resume', async () => {
    const errors: unknown[] = []
    const store = await open({ onError: (error) => errors.push(error) })
    const ofStream = consume(store.subscribe({ stream: 'kept-doc' }))
    const ofLog = consume(store.subscribe({ filter: { streamPrefixes: ['kept-'] } }))
    const written: string[] = []
    const append = async (count: number) => {
      const events = newEvents(count, 'Kept', written.length)
      await store.append('kept-doc', events, 'any')
      written.push(...events.map((e) => e.id as string))
    }
    const delivered = async () => {
      await expect.poll(() => ofStream.events.length, { timeout: 10_000 }).toBe(written.length)
      await expect.poll(() => ofLog.events.length, { timeout: 10_000 }).toBe(written.length)
      expect(ofStream.events.map((e) => e.id)).toEqual(written)
      expect(ofLog.events.map((e) => e.id)).toEqual(written)
    }
    await append(3)
    await delivered()

    await server.restart()
    await append(2)
    await delivered()

    await server.kill()
    await expect(store.append('kept-doc', newEvents(1), 'any')).rejects.toThrow()
    const startedInOutage = consume(store.subscribe({ stream: 'kept-doc' }))
    await server.restart()
    await append(4)
    await delivered()
    await expect.poll(() => startedInOutage.events.length, { timeout: 10_000 }).toBe(written.length)
    expect(startedInOutage.events.map((e) => e.id)).toEqual(written)
    expect(errors.length).toBeGreaterThan(0)
  })
})

function consume(subscription: Subscription): { subscription: Subscription; events: RecordedEvent[] } {
  const events: RecordedEvent[] = []
  void (async () => {
    for await (const event of subscription) events.push(event)
  })()
  return { subscription, events }
}
