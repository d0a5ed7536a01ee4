import { docContentEventTypes, docStream, docStreamPrefix } from '@rembuk/domain'
import type { EventStore, SnapshotStore } from '@rembuk/event-store'
import * as Y from 'yjs'

export interface RebuiltDoc {
  docId: string
  events: number
  snapshots: number
}

/** Every document that has a stream, found by one pass over the log. */
export async function findDocIds(events: EventStore): Promise<string[]> {
  const ids = new Set<string>()
  for await (const event of events.readAll({ filter: { streamPrefixes: [docStreamPrefix] } })) {
    ids.add(event.streamId.slice(docStreamPrefix.length))
  }
  return [...ids].sort()
}

/**
 * Drops a document's snapshots and writes them again from its events, one after every `every` events: the
 * proof that snapshots are derived data, and the repair when a snapshot is suspect.
 */
export async function rebuildSnapshots(
  events: EventStore,
  snapshots: SnapshotStore,
  docId: string,
  every: number,
): Promise<RebuiltDoc> {
  await snapshots.drop(docId)
  const doc = new Y.Doc()
  let count = 0
  let written = 0
  try {
    for await (const event of events.readStream(docStream(docId))) {
      if (docContentEventTypes.includes(event.type) && event.payload) Y.applyUpdate(doc, event.payload)
      count += 1
      if (count % every === 0) {
        await snapshots.save({ key: docId, revision: event.revision, state: Y.encodeStateAsUpdate(doc) })
        written += 1
      }
    }
  } finally {
    doc.destroy()
  }
  return { docId, events: count, snapshots: written }
}
