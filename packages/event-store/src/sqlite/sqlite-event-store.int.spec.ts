import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { newEvents } from '../contract/helpers.js'
import { testEventStore } from '../contract/index.js'
import { WrongExpectedRevisionError } from '../errors.js'
import type { EventStore } from '../port.js'
import { SqliteEventStore } from './sqlite-event-store.js'

testEventStore('sqlite (a file on disk)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rembuk-store-'))
  const file = join(dir, 'events.db')
  let store: EventStore = SqliteEventStore.open(file)
  return {
    store,
    async reopen() {
      await store.close()
      store = SqliteEventStore.open(file)
      return store
    },
    async dispose() {
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
})

describe('appends made in one turn of the event loop (group commit)', () => {
  let dir: string
  let store: SqliteEventStore
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rembuk-store-group-'))
    store = SqliteEventStore.open(join(dir, 'events.db'))
  })
  afterEach(async () => {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('are stored in call order, and one that fails its revision check fails alone', async () => {
    await store.append('doc-a', newEvents(1), 'no_stream')
    const results = await Promise.allSettled([
      store.append('doc-a', newEvents(2), 0n),
      store.append('doc-b', newEvents(1), 'no_stream'),
      store.append('doc-a', newEvents(1), 0n),
      store.append('doc-c', newEvents(3), 'any'),
    ])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled'])
    expect((results[2] as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevisionError)
    const stored: string[] = []
    for await (const event of store.readAll()) stored.push(`${event.streamId}@${event.revision}`)
    expect(stored).toEqual(['doc-a@0', 'doc-a@1', 'doc-a@2', 'doc-b@0', 'doc-c@0', 'doc-c@1', 'doc-c@2'])
  })

  it('are all stored when the store is closed before their turn ends', async () => {
    const pending = [
      store.append('doc-a', newEvents(2), 'no_stream'),
      store.append('doc-b', newEvents(1), 'any'),
    ]
    await store.close()
    const results = await Promise.all(pending)
    expect(results.map((r) => r.nextExpectedRevision)).toEqual([1n, 0n])
    const reopened = SqliteEventStore.open(join(dir, 'events.db'))
    expect(await reopened.headPosition()).toBe(3n)
    store = reopened
  })
})
