import { EventEmitter } from 'node:events'
import { describe, expect, it } from 'vitest'
import type { RecordedEvent } from '../port.js'
import type { FeedSource, LiveFeed } from './feed-source.js'
import { LiveSubscription } from './live-subscription.js'

class FakeFeed extends EventEmitter implements LiveFeed {
  readableLength = 0
  paused = false
  unsubscribed = false
  pause() {
    this.paused = true
    return this
  }
  resume() {
    this.paused = false
    return this
  }
  async unsubscribe() {
    this.unsubscribed = true
  }
  deliver(...positions: bigint[]) {
    for (const position of positions) this.emit('data', position)
  }
}

const event = (position: bigint): RecordedEvent => ({
  id: `e${position}`,
  streamId: position % 2n === 0n ? 'plan-1' : 'other-1',
  revision: 0n,
  position,
  type: 'T',
  data: {},
  payload: null,
  metadata: { actorId: 'm1' },
  created: new Date(0),
})

/** Deliveries are bare positions; odd ones are not wanted (the filter leaves them out). */
function source(startBefore: (cursor: bigint) => bigint | undefined = () => undefined) {
  const feeds: FakeFeed[] = []
  const opened: bigint[] = []
  const fake: FeedSource = {
    open(cursor) {
      opened.push(cursor)
      const feed = new FakeFeed()
      feeds.push(feed)
      return feed
    },
    decode: (position) => {
      const cursor = position as bigint
      return cursor % 2n === 0n ? { cursor, event: event(cursor) } : { cursor }
    },
    startBefore,
  }
  return { fake, feeds, opened, last: () => feeds[feeds.length - 1] as FakeFeed }
}

async function take(iterator: AsyncIterator<RecordedEvent>, count: number): Promise<bigint[]> {
  const got: bigint[] = []
  while (got.length < count) got.push(((await iterator.next()).value as RecordedEvent).position)
  return got
}

const tick = () => new Promise((resolve) => setImmediate(resolve))

describe('LiveSubscription', () => {
  it('delivers the wanted events and is caught up once the subscriber asks for more than was buffered', async () => {
    const { fake, last } = source()
    const subscription = new LiveSubscription(fake, 0n)
    const iterator = subscription[Symbol.asyncIterator]()
    const first = iterator.next()
    last().deliver(2n, 3n)
    expect(((await first).value as RecordedEvent).position).toBe(2n)
    let caughtUp = false
    void subscription.caughtUp.then(() => {
      caughtUp = true
    })
    last().readableLength = 1
    last().emit('caughtUp')
    await tick()
    expect(caughtUp).toBe(false)
    last().readableLength = 0
    last().deliver(4n, 6n)
    expect(await take(iterator, 1)).toEqual([4n])
    await tick()
    expect(caughtUp).toBe(false)
    const sixth = iterator.next()
    await tick()
    expect(caughtUp).toBe(true)
    expect(((await sixth).value as RecordedEvent).position).toBe(6n)
    await subscription.close()
  })

  it('subscribes again after a dropped connection, from the last delivery, without repeating it', async () => {
    const { fake, feeds, opened, last } = source()
    const reconnects: number[] = []
    const subscription = new LiveSubscription(fake, 10n, {
      onReconnect: (_, attempt) => reconnects.push(attempt),
    })
    const iterator = subscription[Symbol.asyncIterator]()
    const firstTwo = take(iterator, 2)
    last().deliver(12n, 13n, 14n)
    expect(await firstTwo).toEqual([12n, 14n])
    last().emit('error', Object.assign(new Error('Leader changed'), { type: 'not-leader' }))
    expect(feeds[0]?.unsubscribed).toBe(true)
    const next = take(iterator, 2)
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(opened).toEqual([10n, 14n])
    last().deliver(14n, 15n, 16n, 18n)
    expect(await next).toEqual([16n, 18n])
    expect(reconnects).toEqual([1])
    await subscription.close()
  })

  it('opens again further back when the server refuses to start at a position inside a record', async () => {
    const { fake, opened, last } = source((cursor) => (cursor > 100n ? 100n : undefined))
    const subscription = new LiveSubscription(fake, 151n)
    const iterator = subscription[Symbol.asyncIterator]()
    const firstTwo = take(iterator, 2)
    last().emit('error', new Error('Trying to read from an invalid position.'))
    expect(opened).toEqual([151n, 100n])
    last().deliver(120n, 150n, 152n, 154n)
    expect(await firstTwo).toEqual([152n, 154n])
    await subscription.close()
  })

  it('ends with the error after what it had received when retrying cannot help', async () => {
    const { fake, last } = source()
    const subscription = new LiveSubscription(fake, 0n)
    const iterator = subscription[Symbol.asyncIterator]()
    const first = iterator.next()
    last().deliver(2n)
    last().emit('error', Object.assign(new Error('Access Denied'), { type: 'access-denied' }))
    expect(((await first).value as RecordedEvent).position).toBe(2n)
    await expect(iterator.next()).rejects.toThrow('Access Denied')
  })

  it('pauses the server while the subscriber lags and resumes it once the queue drains', async () => {
    const { fake, last } = source()
    const subscription = new LiveSubscription(fake, 0n)
    const iterator = subscription[Symbol.asyncIterator]()
    const first = iterator.next()
    last().deliver(...Array.from({ length: 600 }, (_, i) => BigInt(2 * (i + 1))))
    expect(last().paused).toBe(true)
    await first
    await take(iterator, 460)
    expect(last().paused).toBe(true)
    await take(iterator, 20)
    expect(last().paused).toBe(false)
    await subscription.close()
  })

  it('ends its iteration and unsubscribes when closed, and waits quietly when nothing can match', async () => {
    const { fake, last } = source()
    const subscription = new LiveSubscription(fake, 0n)
    const iterator = subscription[Symbol.asyncIterator]()
    const pending = iterator.next()
    await tick()
    await subscription.close()
    expect(await pending).toEqual({ done: true, value: undefined })
    expect(last().unsubscribed).toBe(true)

    const nothing = new LiveSubscription(undefined, 0n)
    const waiting = nothing[Symbol.asyncIterator]().next()
    await nothing.caughtUp
    await nothing.close()
    expect(await waiting).toEqual({ done: true, value: undefined })
  })
})
