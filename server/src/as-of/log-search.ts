import { docStream } from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'

/** The position of the last event recorded at or before `at` (0n when none was), by bisecting the log. */
export async function positionAt(store: EventStore, at: Date): Promise<bigint> {
  let low = 0n
  let high = await store.headPosition()
  while (low < high) {
    const middle = (low + high + 1n) / 2n
    const event = await first(store.readAll({ afterPosition: middle - 1n, max: 1 }))
    if (event && event.position <= high && event.created.getTime() <= at.getTime()) low = event.position
    else high = middle - 1n
  }
  return low
}

/** The revision a document had at `position`: its last event at or before it (undefined: not yet written). */
export async function docRevisionAt(
  store: EventStore,
  docId: string,
  position: bigint,
): Promise<number | undefined> {
  const head = await store.streamRevision(docStream(docId))
  if (head === undefined) return undefined
  let low = -1n
  let high = head
  while (low < high) {
    const middle = (low + high + 1n) / 2n
    const event = await first(store.readStream(docStream(docId), { fromRevision: middle, max: 1 }))
    if (event && event.position <= position) low = middle
    else high = middle - 1n
  }
  return low < 0n ? undefined : Number(low)
}

async function first<T>(events: AsyncIterable<T>): Promise<T | undefined> {
  for await (const event of events) return event
  return undefined
}
