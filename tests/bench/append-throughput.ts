import { randomUUID } from 'node:crypto'
import { join } from 'node:path'
import { SqliteEventStore } from '@rembuk/event-store'
import Database from 'better-sqlite3'
import { round } from './measure.js'

interface Rate {
  events: number
  storeEventsPerSec: number
  rawEventsPerSec: number
  ratio: number
}

export interface AppendResults {
  single: Rate
  batch50: Rate
  /** 40 streams appending one event each in the same turn, as documents flushing on the same tick. */
  together: Rate & { streams: number }
}

const payload = new Uint8Array(40).fill(7)
const metadata = { actorId: 'bench-actor', schoolId: 'bench-school' }

/**
 * The reference: plain better-sqlite3 inserts into a table of the same shape, with the same durability
 * (WAL, synchronous=FULL), one transaction per append, measured in the same run.
 */
function rawInsertRate(file: string, appends: number, perAppend: number): number {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = FULL')
  db.exec(`CREATE TABLE raw (position INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE,
    stream_id TEXT NOT NULL, revision INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, payload BLOB,
    metadata TEXT NOT NULL, created INTEGER NOT NULL, UNIQUE (stream_id, revision))`)
  const insert = db.prepare(
    'INSERT INTO raw (id, stream_id, revision, type, data, payload, metadata, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  )
  const appendMany = db.transaction((from: number) => {
    for (let i = 0; i < perAppend; i++) {
      insert.run(
        randomUUID(),
        'bench-stream',
        from + i,
        'BenchHappened',
        JSON.stringify({ n: from + i }),
        payload,
        JSON.stringify(metadata),
        Date.now(),
      )
    }
  })
  const start = performance.now()
  for (let a = 0; a < appends; a++) appendMany(a * perAppend)
  const seconds = (performance.now() - start) / 1000
  db.close()
  return (appends * perAppend) / seconds
}

/** `streams` streams appending one event each at the same time, `rounds` times: one append after another. */
async function storeTogetherRate(file: string, rounds: number, streams: number): Promise<number> {
  const store = SqliteEventStore.open(file)
  const start = performance.now()
  for (let round = 0; round < rounds; round++) {
    await Promise.all(
      Array.from({ length: streams }, (_, s) =>
        store.append(
          `bench-stream-${s}`,
          [{ type: 'BenchHappened', data: { n: round }, payload, metadata }],
          'any',
        ),
      ),
    )
  }
  const seconds = (performance.now() - start) / 1000
  await store.close()
  return (rounds * streams) / seconds
}

async function storeAppendRate(file: string, appends: number, perAppend: number): Promise<number> {
  const store = SqliteEventStore.open(file)
  let expected: bigint | 'no_stream' = 'no_stream'
  const start = performance.now()
  for (let a = 0; a < appends; a++) {
    const events = Array.from({ length: perAppend }, (_, i) => ({
      type: 'BenchHappened',
      data: { n: a * perAppend + i },
      payload,
      metadata,
    }))
    expected = (await store.append('bench-stream', events, expected)).nextExpectedRevision
  }
  const seconds = (performance.now() - start) / 1000
  await store.close()
  return (appends * perAppend) / seconds
}

export async function measureAppends(dir: string): Promise<AppendResults> {
  const measure = async (label: string, appends: number, perAppend: number) => {
    const raw = rawInsertRate(join(dir, `raw-${label}.db`), appends, perAppend)
    const store = await storeAppendRate(join(dir, `store-${label}.db`), appends, perAppend)
    return {
      events: appends * perAppend,
      storeEventsPerSec: Math.round(store),
      rawEventsPerSec: Math.round(raw),
      ratio: round(store / raw, 3),
    }
  }
  const streams = 40
  const rounds = 50
  const raw = rawInsertRate(join(dir, 'raw-together.db'), rounds * streams, 1)
  const together = await storeTogetherRate(join(dir, 'store-together.db'), rounds, streams)
  return {
    single: await measure('single', 2000, 1),
    batch50: await measure('batch50', 400, 50),
    together: {
      streams,
      events: rounds * streams,
      storeEventsPerSec: Math.round(together),
      rawEventsPerSec: Math.round(raw),
      ratio: round(together / raw, 3),
    },
  }
}
