import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { collectN, newEvents } from '../contract/helpers.js'
import { SqliteEventStore } from './sqlite-event-store.js'

describe('a filtered subscription skips reading what it knows does not concern it', () => {
  let dir: string
  let here: SqliteEventStore
  let there: SqliteEventStore
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rembuk-recent-'))
    here = SqliteEventStore.open(join(dir, 'events.db'), { pollIntervalMs: 20 })
    there = SqliteEventStore.open(join(dir, 'events.db'), { pollIntervalMs: 20 })
  })
  afterEach(async () => {
    await here.close()
    await there.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('still gets every matching event, its own and those another process writes between its own', async () => {
    const subscription = here.subscribe({ filter: { streamPrefixes: ['plan-'] } })
    for (let i = 0; i < 20; i++) await here.append(`doc-${i}`, newEvents(2), 'any')
    await there.append('plan-a', newEvents(1, 'PlanCreated'), 'no_stream')
    for (let i = 0; i < 20; i++) await here.append(`doc-${i}`, newEvents(1), 'any')
    await here.append('plan-b', newEvents(1, 'PlanCreated'), 'no_stream')
    await there.append('doc-x', newEvents(3), 'any')
    await there.append('plan-c', newEvents(1, 'PlanCreated'), 'no_stream')
    const seen = await collectN(subscription, 3)
    expect(seen.map((event) => event.streamId)).toEqual(['plan-a', 'plan-b', 'plan-c'])
    await subscription.close()
  })

  it('matches by event type as well as by stream', async () => {
    const subscription = here.subscribe({ filter: { typePrefixes: ['Member'] } })
    await here.append('school-1', newEvents(2, 'SchoolRenamed'), 'any')
    await here.append('school-1', newEvents(1, 'MemberInvited'), 'any')
    const [event] = await collectN(subscription, 1)
    expect(event?.type).toBe('MemberInvited')
    await subscription.close()
  })
})
