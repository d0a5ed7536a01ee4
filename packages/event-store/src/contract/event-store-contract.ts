import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { CheckpointConflictError, InvalidAppendError, WrongExpectedRevisionError } from '../errors.js'
import type { EventStore } from '../port.js'
import { actor, appendInBatches, collect, collectN, newEvents, payloadOf, uniquePrefix } from './helpers.js'

export interface EventStoreHarness {
  store: EventStore
  /** Closes the store and opens it again on the same storage, as a restart would. */
  reopen(): Promise<EventStore>
  /** Closes the store and removes what the harness made. */
  dispose(): Promise<void>
}

/** The behaviour every EventStore adapter must show. Each adapter's spec calls this with its own harness. */
export function testEventStore(adapter: string, openHarness: () => Promise<EventStoreHarness>): void {
  describe(`EventStore contract: ${adapter}`, () => {
    let harness: EventStoreHarness
    let store: EventStore
    let prefix: string

    beforeEach(async () => {
      harness = await openHarness()
      store = harness.store
      prefix = uniquePrefix('contract')
    })
    afterEach(async () => {
      await harness.dispose()
    })

    describe('append and read a stream', () => {
      it('stores events with revisions from 0, their data, metadata and ids', async () => {
        const stream = `${prefix}plan`
        const events = newEvents(3, 'PlanDrafted')
        const result = await store.append(stream, events, 'no_stream')
        expect(result.nextExpectedRevision).toBe(2n)
        const read = await collect(store.readStream(stream))
        expect(read.map((e) => e.revision)).toEqual([0n, 1n, 2n])
        expect(read.map((e) => e.id)).toEqual(events.map((e) => e.id))
        expect(read.map((e) => e.data)).toEqual(events.map((e) => e.data))
        expect(read[0]?.metadata).toMatchObject({ actorId: actor.actorId, schoolId: actor.schoolId })
        expect(read[0]?.metadata.correlationId).toBe('corr-0')
        expect(read.every((e) => e.streamId === stream && e.type === 'PlanDrafted')).toBe(true)
        expect(read[2]?.position).toBe(result.position)
        expect(Math.abs((read[0]?.created.getTime() ?? 0) - Date.now())).toBeLessThan(60_000)
        expect(await store.streamRevision(stream)).toBe(2n)
      })

      it('reads forwards and backwards from a revision, with a maximum', async () => {
        const stream = `${prefix}doc`
        await store.append(stream, newEvents(10), 'no_stream')
        const forwards = await collect(store.readStream(stream, { fromRevision: 4n, max: 3 }))
        expect(forwards.map((e) => e.revision)).toEqual([4n, 5n, 6n])
        const backwards = await collect(
          store.readStream(stream, { direction: 'backwards', fromRevision: 4n }),
        )
        expect(backwards.map((e) => e.revision)).toEqual([4n, 3n, 2n, 1n, 0n])
        const lastTwo = await collect(store.readStream(stream, { direction: 'backwards', max: 2 }))
        expect(lastTwo.map((e) => e.revision)).toEqual([9n, 8n])
        const pastEnd = await collect(store.readStream(stream, { fromRevision: 10n }))
        expect(pastEnd).toEqual([])
      })

      it('reads a stream longer than one page in order', async () => {
        const stream = `${prefix}long`
        for (let i = 0; i < 12; i++) await store.append(stream, newEvents(100, 'Long', i * 100), 'any')
        const read = await collect(store.readStream(stream))
        expect(read).toHaveLength(1200)
        expect(read.every((e, i) => e.revision === BigInt(i) && (e.data as { n: number }).n === i)).toBe(true)
        const back = await collect(store.readStream(stream, { direction: 'backwards' }))
        expect(back.map((e) => e.revision)).toEqual(read.map((e) => e.revision).reverse())
      })

      it('reads nothing from a stream that does not exist', async () => {
        expect(await collect(store.readStream(`${prefix}missing`))).toEqual([])
        expect(await store.streamRevision(`${prefix}missing`)).toBeUndefined()
      })
    })

    describe('expected revision', () => {
      it('no_stream: only while the stream has no event', async () => {
        const stream = `${prefix}a`
        await store.append(stream, newEvents(1), 'no_stream')
        const error = await store.append(stream, newEvents(1), 'no_stream').catch((e: unknown) => e)
        expect(error).toBeInstanceOf(WrongExpectedRevisionError)
        expect((error as WrongExpectedRevisionError).actual).toBe(0n)
      })

      it('stream_exists: only once the stream has an event', async () => {
        const stream = `${prefix}b`
        await expect(store.append(stream, newEvents(1), 'stream_exists')).rejects.toBeInstanceOf(
          WrongExpectedRevisionError,
        )
        await store.append(stream, newEvents(1), 'any')
        await expect(store.append(stream, newEvents(1), 'stream_exists')).resolves.toMatchObject({
          nextExpectedRevision: 1n,
        })
      })

      it('an exact revision: only when it is the last one', async () => {
        const stream = `${prefix}c`
        await store.append(stream, newEvents(2), 'no_stream')
        await expect(store.append(stream, newEvents(1), 0n)).rejects.toBeInstanceOf(
          WrongExpectedRevisionError,
        )
        await expect(store.append(stream, newEvents(1), 2n)).rejects.toBeInstanceOf(
          WrongExpectedRevisionError,
        )
        await expect(store.append(stream, newEvents(1), 1n)).resolves.toMatchObject({
          nextExpectedRevision: 2n,
        })
        expect(await collect(store.readStream(stream))).toHaveLength(3)
      })

      it('any: always', async () => {
        const stream = `${prefix}d`
        await store.append(stream, newEvents(1), 'any')
        await expect(store.append(stream, newEvents(1), 'any')).resolves.toMatchObject({
          nextExpectedRevision: 1n,
        })
      })

      it('of several writers racing on the same revision, exactly one wins', async () => {
        const stream = `${prefix}race`
        await store.append(stream, newEvents(1), 'no_stream')
        const results = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) => store.append(stream, newEvents(2, `Writer${i}`), 0n)),
        )
        const won = results.filter((r) => r.status === 'fulfilled')
        const lost = results.filter((r) => r.status === 'rejected')
        expect(won).toHaveLength(1)
        expect(lost.every((r) => r.reason instanceof WrongExpectedRevisionError)).toBe(true)
        const read = await collect(store.readStream(stream))
        expect(read.map((e) => e.revision)).toEqual([0n, 1n, 2n])
        expect(read[1]?.type).toBe(read[2]?.type)
      })
    })

    describe('atomic appends', () => {
      it('stores a batch with consecutive revisions and increasing positions', async () => {
        const stream = `${prefix}batch`
        await store.append(stream, newEvents(2), 'no_stream')
        await store.append(`${prefix}other`, newEvents(1), 'no_stream')
        await store.append(stream, newEvents(50, 'Batched'), 1n)
        const read = await collect(store.readStream(stream))
        expect(read.map((e) => e.revision)).toEqual(Array.from({ length: 52 }, (_, i) => BigInt(i)))
        for (let i = 1; i < read.length; i++) {
          expect(
            (read[i] as { position: bigint }).position > (read[i - 1] as { position: bigint }).position,
          ).toBe(true)
        }
      })

      it('stores nothing of a batch whose expected revision fails', async () => {
        const stream = `${prefix}conflict`
        await store.append(stream, newEvents(1), 'no_stream')
        await expect(store.append(stream, newEvents(20), 'no_stream')).rejects.toBeInstanceOf(
          WrongExpectedRevisionError,
        )
        expect(await collect(store.readStream(stream))).toHaveLength(1)
      })

      it('stores nothing of a batch with an event it cannot store', async () => {
        const stream = `${prefix}invalid`
        const cyclic: Record<string, unknown> = {}
        cyclic.self = cyclic
        const bad = [...newEvents(3), { type: 'Bad', data: cyclic as never, metadata: actor }]
        await expect(store.append(stream, bad, 'any')).rejects.toBeInstanceOf(InvalidAppendError)
        const noActor = [...newEvents(2), { type: 'NoActor', data: {}, metadata: { actorId: '' } }]
        await expect(store.append(stream, noActor, 'any')).rejects.toBeInstanceOf(InvalidAppendError)
        expect(await collect(store.readStream(stream))).toEqual([])
      })

      it('never stores one event id twice', async () => {
        const stream = `${prefix}dup`
        const [event] = newEvents(1)
        await store.append(stream, [event as never], 'any')
        await store.append(stream, [event as never], 'any').catch((e: unknown) => {
          expect(e).toBeInstanceOf(InvalidAppendError)
        })
        expect(await collect(store.readStream(stream))).toHaveLength(1)
      })

      it('refuses bad stream ids and empty appends', async () => {
        await expect(store.append('', newEvents(1), 'any')).rejects.toBeInstanceOf(InvalidAppendError)
        await expect(store.append(`${prefix} space`, newEvents(1), 'any')).rejects.toBeInstanceOf(
          InvalidAppendError,
        )
        await expect(store.append(`${prefix}empty`, [], 'any')).rejects.toBeInstanceOf(InvalidAppendError)
      })
    })

    describe('binary payloads', () => {
      it('returns each payload byte for byte, and null where there was none', async () => {
        const stream = `${prefix}bin`
        const sizes = [0, 1, 3, 1000, 1024 * 1024]
        const payloads = sizes.map(payloadOf)
        const backing = payloadOf(64)
        const view = backing.subarray(10, 30)
        const events = [...payloads, view].map((payload, i) => ({ ...newEvents(1, 'Bin', i)[0], payload }))
        await store.append(stream, [...events, ...newEvents(1, 'NoPayload')] as never, 'no_stream')
        const read = await collect(store.readStream(stream))
        for (const [i, expected] of [...payloads, view].entries()) {
          const got = read[i]?.payload
          expect(got).toBeInstanceOf(Uint8Array)
          expect(got?.byteLength).toBe(expected.byteLength)
          expect(Buffer.compare(Buffer.from(got as Uint8Array), Buffer.from(expected))).toBe(0)
        }
        expect(read[read.length - 1]?.payload).toBeNull()
      })
    })

    describe('read all', () => {
      it('reads every stream in append order after a position, filtered by stream or type prefix', async () => {
        const start = await store.headPosition()
        await store.append(`${prefix}plan-1`, newEvents(2, 'PlanDrafted'), 'any')
        await store.append(`${prefix}doc-1`, newEvents(3, 'DocUpdated'), 'any')
        await store.append(`${prefix}plan-2`, newEvents(1, 'PlanApproved'), 'any')
        const mine = { streamPrefixes: [prefix] }
        const all = await collect(store.readAll({ afterPosition: start, filter: mine }))
        expect(all.map((e) => e.type)).toEqual([
          'PlanDrafted',
          'PlanDrafted',
          'DocUpdated',
          'DocUpdated',
          'DocUpdated',
          'PlanApproved',
        ])
        const plans = await collect(
          store.readAll({ afterPosition: start, filter: { streamPrefixes: [`${prefix}plan-`] } }),
        )
        expect(plans.map((e) => e.streamId)).toEqual([
          `${prefix}plan-1`,
          `${prefix}plan-1`,
          `${prefix}plan-2`,
        ])
        const byType = await collect(
          store.readAll({
            afterPosition: start,
            filter: { streamPrefixes: [prefix], typePrefixes: ['Plan'] },
          }),
        )
        expect(byType).toHaveLength(3)
        const afterSecond = await collect(store.readAll({ afterPosition: all[1]?.position, filter: mine }))
        expect(afterSecond.map((e) => e.id)).toEqual(all.slice(2).map((e) => e.id))
        const cut = await collect(
          store.readAll({ afterPosition: start, untilPosition: all[3]?.position, filter: mine }),
        )
        expect(cut.map((e) => e.id)).toEqual(all.slice(0, 4).map((e) => e.id))
        const firstTwo = await collect(store.readAll({ afterPosition: start, max: 2, filter: mine }))
        expect(firstTwo.map((e) => e.id)).toEqual(all.slice(0, 2).map((e) => e.id))
        expect(await store.headPosition()).toBe(all[all.length - 1]?.position)
      })
    })

    describe('subscriptions', () => {
      it('to one stream: every event exactly once across the switch from catch-up to live', async () => {
        const stream = `${prefix}sub`
        await store.append(stream, newEvents(300, 'Before'), 'no_stream')
        const subscription = store.subscribe({ stream })
        const received = collectN(subscription, 600)
        const raced = await appendInBatches(store, [stream], 300)
        const got = await received
        await subscription.close()
        expect(got.map((e) => e.revision)).toEqual(Array.from({ length: 600 }, (_, i) => BigInt(i)))
        expect(got.slice(300).map((e) => e.id)).toEqual(raced)
      })

      it('to all: every matching event exactly once, in position order, while appends race', async () => {
        const streams = [`${prefix}x`, `${prefix}y`, `${prefix}z`]
        const start = await store.headPosition()
        const before = await appendInBatches(store, streams, 200)
        const subscription = store.subscribe({ afterPosition: start, filter: { streamPrefixes: [prefix] } })
        const received = collectN(subscription, 500)
        const [raced] = await Promise.all([
          appendInBatches(store, streams, 300),
          store.append(`unrelated_${prefix}noise`, newEvents(5), 'any'),
        ])
        const got = await received
        await subscription.close()
        expect(got.map((e) => e.id)).toEqual([...before, ...raced])
        for (let i = 1; i < got.length; i++) {
          expect(
            (got[i] as { position: bigint }).position > (got[i - 1] as { position: bigint }).position,
          ).toBe(true)
        }
      })

      it('starts after a given revision or position, and says when it has caught up', async () => {
        const stream = `${prefix}from`
        const first = await store.append(stream, newEvents(5), 'no_stream')
        const byRevision = store.subscribe({ stream, afterRevision: 2n })
        const fromRevision = await collectN(byRevision, 2)
        await byRevision.caughtUp
        expect(fromRevision.map((e) => e.revision)).toEqual([3n, 4n])
        await byRevision.close()

        const byPosition = store.subscribe({
          afterPosition: first.position,
          filter: { streamPrefixes: [prefix] },
        })
        const next = collectN(byPosition, 1)
        await store.append(stream, newEvents(1, 'Later'), 4n)
        expect((await next).map((e) => e.type)).toEqual(['Later'])
        await byPosition.close()
      })

      it('ends its iteration when closed', async () => {
        const stream = `${prefix}close`
        await store.append(stream, newEvents(2), 'no_stream')
        const subscription = store.subscribe({ stream })
        const seen: bigint[] = []
        const done = (async () => {
          for await (const event of subscription) {
            seen.push(event.revision)
            if (seen.length === 2) void subscription.close()
          }
          return 'ended'
        })()
        await expect(done).resolves.toBe('ended')
        expect(seen).toEqual([0n, 1n])
      })
    })

    describe('checkpoints', () => {
      it('are stored with compare-and-set', async () => {
        const id = `${prefix}projection`
        expect(await store.readCheckpoint(id)).toBeUndefined()
        await store.storeCheckpoint(id, 10n, undefined)
        await expect(store.storeCheckpoint(id, 11n, undefined)).rejects.toBeInstanceOf(
          CheckpointConflictError,
        )
        await expect(store.storeCheckpoint(id, 12n, 9n)).rejects.toBeInstanceOf(CheckpointConflictError)
        await store.storeCheckpoint(id, 20n, 10n)
        expect(await store.readCheckpoint(id)).toBe(20n)
      })

      it('let a subscriber resume after a restart with exactly the events it had not processed', async () => {
        const id = `${prefix}resume`
        const filter = { streamPrefixes: [prefix] }
        const start = await store.headPosition()
        const ids = await appendInBatches(store, [`${prefix}r1`, `${prefix}r2`], 40)
        const firstRun = store.subscribe({ afterPosition: start, filter })
        const processed = await collectN(firstRun, 25)
        await firstRun.close()
        await store.storeCheckpoint(id, (processed[24] as { position: bigint }).position, undefined)

        store = await harness.reopen()
        const more = await appendInBatches(store, [`${prefix}r1`], 10)
        const checkpoint = await store.readCheckpoint(id)
        expect(checkpoint).toBe(processed[24]?.position)
        const secondRun = store.subscribe({ afterPosition: checkpoint, filter })
        const rest = await collectN(secondRun, 25)
        await secondRun.close()
        expect([...processed, ...rest].map((e) => e.id)).toEqual([...ids, ...more])
      })
    })
  })
}
