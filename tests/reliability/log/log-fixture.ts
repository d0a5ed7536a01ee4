import { createEvent, DocUpdated } from '@rembuk/domain'
import * as Y from 'yjs'

export const docId = 'rencana-uji'

/** Three updates typing "abc" into `catatan`, each after the one before it, and the state after each. */
export function typing(): { updates: Uint8Array[]; states: Uint8Array[] } {
  const doc = new Y.Doc()
  const updates: Uint8Array[] = []
  const states: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => {
    updates.push(update)
    states.push(Y.encodeStateAsUpdate(doc))
  })
  for (const letter of 'abc') doc.getText('catatan').insert(doc.getText('catatan').length, letter)
  return { updates, states }
}

/** A DocUpdated event of the fixture's document carrying `payload`. */
export const docEvent = (payload: Uint8Array, actorId = 'guru-a') =>
  createEvent(DocUpdated, { docId, updates: 1, bytes: payload.byteLength }, { actorId }, payload)
