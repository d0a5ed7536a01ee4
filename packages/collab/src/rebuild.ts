import * as Y from 'yjs'

/**
 * A document from a snapshot (Y.encodeStateAsUpdate of an earlier state) and the updates stored after it,
 * applied in one transaction.
 */
export function rebuildDoc(snapshot: Uint8Array | undefined, updates: Iterable<Uint8Array>): Y.Doc {
  const doc = new Y.Doc()
  Y.transact(doc, () => {
    if (snapshot) Y.applyUpdate(doc, snapshot)
    for (const update of updates) Y.applyUpdate(doc, update)
  })
  return doc
}
