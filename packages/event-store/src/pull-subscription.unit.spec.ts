import { describe, expect, it } from 'vitest'
import type { RecordedEvent } from './port.js'
import { type PullPage, PullSubscription } from './pull-subscription.js'

const event = (position: bigint): RecordedEvent => ({
  id: `e${position}`,
  streamId: 'plan-1',
  revision: 0n,
  position,
  type: 'PlanCreated',
  data: {},
  payload: null,
  metadata: { actorId: 'm1' },
  created: new Date(0),
})

/** A source that answers the given pages in turn and records where each read started. */
function scripted(pages: PullPage[]) {
  const reads: bigint[] = []
  let appends = 0
  return {
    reads,
    append: () => {
      appends += 1
    },
    source: {
      readPage: async (after: bigint) => {
        reads.push(after)
        return pages.shift() ?? { events: [] }
      },
      cursorOf: (e: RecordedEvent) => e.position,
      appendCount: () => appends,
      waitForAppend: async () => {},
    },
  }
}

describe('PullSubscription', () => {
  it('moves its cursor to where a short read looked, so it never scans the same stretch again', async () => {
    const { source, reads } = scripted([
      { events: [event(3n)], scannedTo: 500n },
      { events: [], scannedTo: 900n },
      { events: [event(901n)] },
    ])
    const subscription = new PullSubscription(source, 0n)
    const seen: bigint[] = []
    for await (const recorded of subscription) {
      seen.push(recorded.position)
      if (seen.length === 2) break
    }
    expect(seen).toEqual([3n, 901n])
    expect(reads).toEqual([0n, 500n, 900n])
  })

  it('keeps the cursor at the last event when a read says nothing about how far it looked', async () => {
    const { source, reads } = scripted([{ events: [event(7n)] }, { events: [event(8n)] }])
    const seen: bigint[] = []
    for await (const recorded of new PullSubscription(source, 0n)) {
      seen.push(recorded.position)
      if (seen.length === 2) break
    }
    expect(reads).toEqual([0n, 7n])
  })
})
