import { activityMap } from '@rembuk/collab'
import { type ActivitySnapshot, docContentEventTypes, docStream } from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import * as Y from 'yjs'

/**
 * The shared activity as it stood when the first lane was written: what the lanes were planned against,
 * before any change of it was announced. Undefined while the map has no lanes.
 */
export async function activityWhenLanesBegan(
  store: EventStore,
  docId: string,
): Promise<ActivitySnapshot | undefined> {
  const doc = new Y.Doc()
  try {
    for await (const event of store.readStream(docStream(docId))) {
      if (!docContentEventTypes.includes(event.type) || !event.payload) continue
      Y.applyUpdate(doc, event.payload)
      if (doc.getMap('lanes').size > 0) return activityMap(doc).toJson().activity
    }
    return undefined
  } finally {
    doc.destroy()
  }
}
