import type { KurrentDBClient } from '@kurrent/kurrentdb-client'
import { describe, expect, it } from 'vitest'
import { appendInBatches, collect, collectN, newEvents, uniquePrefix } from '../contract/helpers.js'
import { testEventStore } from '../contract/index.js'
import { EmulatedKurrentDb } from './emulated-kurrentdb.spec.js'
import { KurrentDbEventStore } from './kurrentdb-event-store.js'

const open = (server: EmulatedKurrentDb, onReconnect?: () => void) =>
  new KurrentDbEventStore(server as unknown as KurrentDBClient, { pageSize: 64, onReconnect })

testEventStore('kurrentdb (adapter on an in-process emulation of the server)', async () => {
  const server = new EmulatedKurrentDb()
  let store = open(server)
  return {
    store,
    async reopen() {
      await store.close()
      store = open(server)
      return store
    },
    dispose: () => store.close(),
  }
})

describe('KurrentDbEventStore on the emulated server', () => {
  const unavailable = () =>
    Object.assign(new Error('14 UNAVAILABLE: node went away'), { type: 'unavailable' })

  it('resubscribes after a node failure and delivers every event exactly once', async () => {
    const server = new EmulatedKurrentDb()
    let reconnects = 0
    const store = open(server, () => {
      reconnects += 1
    })
    const prefix = uniquePrefix('failover')
    const streams = [`${prefix}a`, `${prefix}b`]
    const before = await appendInBatches(store, streams, 40)
    const all = store.subscribe({ filter: { streamPrefixes: [prefix] } })
    const last = (await store.streamRevision(streams[0] as string)) as bigint
    const one = store.subscribe({ stream: streams[0], afterRevision: last })
    const fromAll = collectN(all, 100)
    const fromOne = collectN(one, 3)
    await new Promise((resolve) => setTimeout(resolve, 20))
    server.dropSubscriptions(unavailable())
    const after = await appendInBatches(store, streams, 60)
    expect((await fromAll).map((e) => e.id)).toEqual([...before, ...after])
    expect((await fromOne).map((e) => e.revision)).toEqual([last + 1n, last + 2n, last + 3n])
    expect(reconnects).toBe(2)
    await store.close()
  })

  it('reads after positions that are no event’s, as bisecting the log does', async () => {
    const server = new EmulatedKurrentDb()
    const store = open(server)
    const prefix = uniquePrefix('bisect')
    for (let i = 0; i < 30; i++) await store.append(`${prefix}s`, newEvents(1 + (i % 3)), 'any')
    const events = await collect(store.readAll({ filter: { streamPrefixes: [prefix] } }))
    const fresh = open(server)
    for (const [i, event] of events.entries()) {
      const next = events[i + 1]
      for (const after of [event.position, event.position - 1n, event.position + 7n]) {
        const [first] = await collect(
          fresh.readAll({ afterPosition: after, max: 1, filter: { streamPrefixes: [prefix] } }),
        )
        const expected = after < event.position ? event : next
        expect(first?.id).toBe(expected?.id)
      }
    }
    expect(server.refusedStarts).toBeGreaterThan(0)
    const middle = events[10] as { position: bigint }
    const subscription = fresh.subscribe({
      afterPosition: middle.position + 3n,
      filter: { streamPrefixes: [prefix] },
    })
    expect((await collectN(subscription, 3)).map((e) => e.id)).toEqual(events.slice(11, 14).map((e) => e.id))
    await Promise.all([store.close(), fresh.close()])
  })

  it('keeps checkpoints and system events out of the log, and one event in each checkpoint stream', async () => {
    const server = new EmulatedKurrentDb()
    const store = open(server)
    const prefix = uniquePrefix('quiet')
    const { position } = await store.append(`${prefix}s`, newEvents(3), 'no_stream')
    await store.storeCheckpoint(`${prefix}p`, 1n, undefined)
    await store.storeCheckpoint(`${prefix}p`, 2n, 1n)
    await store.storeCheckpoint(`${prefix}p`, 3n, 2n)
    expect(await store.headPosition()).toBe(position)
    expect((await collect(store.readAll())).map((e) => e.streamId)).toEqual(Array(3).fill(`${prefix}s`))
    const kept: unknown[] = []
    for await (const { event } of server.readStream(`rembuk-checkpoint-${prefix}p`)) kept.push(event.data)
    expect(kept).toEqual([{ position: '3' }])
    expect(server.log.some((row) => row.streamId === `$$rembuk-checkpoint-${prefix}p`)).toBe(true)
    await store.close()
  })

  it('stores a checkpoint whose stream moved on and came back to the expected value', async () => {
    const server = new EmulatedKurrentDb()
    const [one, other] = [open(server), open(server)]
    await one.storeCheckpoint('p', 5n, undefined)
    await other.storeCheckpoint('p', 6n, 5n)
    await other.storeCheckpoint('p', 5n, 6n)
    await one.storeCheckpoint('p', 7n, 5n)
    expect(await other.readCheckpoint('p')).toBe(7n)
    await Promise.all([one.close(), other.close()])
  })
})
