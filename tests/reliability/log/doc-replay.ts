import { checkUpdate, docToJson } from '@rembuk/collab'
import { docContentEventTypes } from '@rembuk/domain'
import * as Y from 'yjs'

export interface StoredDocEvent {
  position: number
  revision: number
  type: string
  payload: Buffer | null
}

export interface ReplayedDoc {
  docId: string
  /** Events in the document's stream. */
  events: number
  /** Every root of the replayed document as JSON (a text root is its string). */
  content: Record<string, unknown>
}

/** The snapshot stored for this revision, if any (a snapshot is a `Y.encodeStateAsUpdate` of the document). */
export type SnapshotAt = (revision: number) => Uint8Array | undefined

const maxUpdateBytes = 256 * 1024 * 1024

/**
 * Replays a document's events in order, one update at a time, and reports every event that does not decode,
 * leaves the document waiting for causes it never received, or changes nothing (stored twice), and every
 * snapshot that differs from the replay at its revision.
 */
export function replayDoc(
  docId: string,
  events: readonly StoredDocEvent[],
  snapshotAt: SnapshotAt,
  problems: string[],
): ReplayedDoc {
  const doc = new Y.Doc()
  let changed = false
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    changed ||=
      transaction.deleteSet.clients.size > 0 || !sameClocks(transaction.beforeState, transaction.afterState)
  })
  const at = (event: StoredDocEvent) => `${docId}@${event.revision} (position ${event.position})`
  let waiting = false
  for (const event of events) {
    if (docContentEventTypes.includes(event.type)) {
      const update = event.payload ? new Uint8Array(event.payload) : null
      const check = update
        ? checkUpdate(update, maxUpdateBytes)
        : { ok: false as const, detail: 'no payload' }
      if (!update || !check.ok) {
        problems.push(`${at(event)}: bad payload of ${event.type}: ${check.ok ? '' : check.detail}`)
      } else {
        changed = false
        try {
          Y.applyUpdate(doc, update)
        } catch (error) {
          problems.push(`${at(event)}: update does not apply: ${(error as Error).message}`)
        }
        const pending = doc.store.pendingStructs !== null || doc.store.pendingDs !== null
        if (pending && !waiting) {
          problems.push(`${at(event)}: missing causes: the replay waits for updates the log does not hold`)
        } else if (!pending && !changed) {
          problems.push(`${at(event)}: ${event.type} changes nothing: its update was already stored`)
        }
        waiting = pending
      }
    }
    const snapshot = snapshotAt(event.revision)
    if (snapshot) compareSnapshot(doc, snapshot, `${at(event)}: snapshot`, problems)
  }
  if (waiting) problems.push(`${docId}: the replay still waits for missing causes at the end of the stream`)
  const content = docToJson(doc).content
  doc.destroy()
  return { docId, events: events.length, content }
}

function compareSnapshot(replayed: Y.Doc, state: Uint8Array, label: string, problems: string[]): void {
  const stored = new Y.Doc()
  try {
    Y.applyUpdate(stored, state)
    if (!Y.equalSnapshots(Y.snapshot(stored), Y.snapshot(replayed))) {
      problems.push(`${label} holds other updates than the replay at its revision`)
    } else if (contentOf(stored) !== contentOf(replayed)) {
      problems.push(`${label} has other content than the replay at its revision`)
    }
  } catch (error) {
    problems.push(`${label} does not decode: ${(error as Error).message}`)
  } finally {
    stored.destroy()
  }
}

/**
 * The document's content as JSON with its keys in one order, read from a copy: reading types the roots, and a
 * typed text root cleans up its formatting in later transactions, which would change the replay itself.
 */
function contentOf(doc: Y.Doc): string {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  const json = docToJson(copy)
  copy.destroy()
  return JSON.stringify(json, (_key, value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : 1)))
      : value,
  )
}

function sameClocks(a: Map<number, number>, b: Map<number, number>): boolean {
  if (a.size !== b.size) return false
  for (const [client, clock] of a) if (b.get(client) !== clock) return false
  return true
}
