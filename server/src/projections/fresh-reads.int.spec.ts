import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type RecordedEvent, SqliteEventStore } from '@rembuk/event-store'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { AppConfig } from '../config/app-config.js'
import { FreshReads } from './fresh-reads.js'
import { LiveProjection } from './live-projection.js'
import { SqliteProjection } from './sqlite-projection.js'

const replicated = { redisUrl: 'redis://127.0.0.1:1', eventStore: 'sqlite' } as AppConfig
const event = (type: string) => ({ type, data: { n: 1 }, metadata: { actorId: 'm_sari' } })

describe('reads that follow writes of another replica', () => {
  let dir: string
  let writer: SqliteEventStore
  let reader: SqliteEventStore
  let readModels: Database.Database

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rembuk-fresh-'))
    writer = SqliteEventStore.open(join(dir, 'events.db'))
    reader = SqliteEventStore.open(join(dir, 'events.db'), { pollIntervalMs: 60_000 })
    readModels = new Database(join(dir, 'read-models.db'))
  })
  afterEach(async () => {
    await Promise.all([writer.close(), reader.close()])
    readModels.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('brings every read model up to the head of the store before a request is handled', async () => {
    const plans: RecordedEvent[] = []
    const directory = new LiveProjection('plans', reader, 'plan-', (e) => plans.push(e))
    const dashboard = new SqliteProjection(readModels, reader, {
      name: 'dashboard',
      filter: { typePrefixes: ['Plan'] },
      schema: 'CREATE TABLE IF NOT EXISTS seen (type TEXT NOT NULL)',
      tables: ['seen'],
      apply: (db, e) => db.prepare('INSERT INTO seen (type) VALUES (?)').run(e.type),
    })
    await Promise.all([directory.start(), dashboard.start()])
    await writer.append('plan-tape', [event('PlanCreated')], 'no_stream')
    await writer.append('doc-tape', [event('DocUpdated')], 'no_stream')
    const { position: head } = await writer.append('map-tape', [event('MapCreated')], 'no_stream')

    expect(plans).toEqual([])
    await new FreshReads(reader, replicated).reachHead()
    expect(plans.map((e) => e.type)).toEqual(['PlanCreated'])
    expect(readModels.prepare('SELECT type FROM seen').pluck().all()).toEqual(['PlanCreated'])
    expect(directory.position).toBe(head)
    await expect(dashboard.waitFor(head)).resolves.toBeUndefined()
    await Promise.all([directory.stop(), dashboard.stop()])
  })

  it('applies nothing twice when the subscription delivers what a catch-up applied', async () => {
    const plans: RecordedEvent[] = []
    const directory = new LiveProjection('plans', writer, 'plan-', (e) => plans.push(e))
    await directory.start()
    await writer.append('plan-tape', [event('PlanCreated'), event('PlanSubmitted')], 'no_stream')
    await new FreshReads(writer, replicated).reachHead()
    await expect.poll(() => plans.length).toBe(2)
    await writer.append('plan-tape', [event('PlanApproved')], 1n)
    await expect
      .poll(() => plans.map((e) => e.type))
      .toEqual(['PlanCreated', 'PlanSubmitted', 'PlanApproved'])
    await directory.stop()
  })
})
