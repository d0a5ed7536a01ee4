import { createEvent, DocUpdated, docStream, type EventMetadata } from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import * as Y from 'yjs'

/** Stores what a new document starts with as its first event; the stream must not exist yet. */
export async function appendFirstContent(
  store: EventStore,
  docId: string,
  doc: Y.Doc,
  metadata: EventMetadata,
): Promise<void> {
  const content = Y.encodeStateAsUpdate(doc)
  const event = createEvent(DocUpdated, { docId, updates: 1, bytes: content.byteLength }, metadata, content)
  await store.append(docStream(docId), [event], 'no_stream')
}
