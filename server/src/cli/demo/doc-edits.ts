import { createEvent, DocUpdated, docStream } from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import * as Y from 'yjs'
import type { DocReader } from '../../documents/doc-reader.js'

export interface DemoMember {
  token: string
  user: { memberId: string; name: string; schoolId?: string }
}

/**
 * One edit of a document by one member, stored as the event their editor would have produced: the document
 * is read from the log, changed, and the difference appended. Answers the stored event's revision.
 */
export async function editAs(
  store: EventStore,
  reader: DocReader,
  docId: string,
  author: DemoMember,
  change: (doc: Y.Doc) => void,
): Promise<number> {
  const { doc, revision } = await reader.load(docId)
  try {
    const before = Y.encodeStateVector(doc)
    change(doc)
    const update = Y.encodeStateAsUpdate(doc, before)
    const metadata = { actorId: author.user.memberId, actorName: author.user.name }
    const event = createEvent(DocUpdated, { docId, updates: 1, bytes: update.byteLength }, metadata, update)
    const result = await store.append(docStream(docId), [event], revision ?? 'no_stream')
    return Number(result.nextExpectedRevision)
  } finally {
    doc.destroy()
  }
}
