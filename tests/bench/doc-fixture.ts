import { join } from 'node:path'
import { DocUpdated, docContentEventTypes, docStream } from '@rembuk/domain'
import { type NewEvent, SqliteEventStore, SqliteSnapshotStore } from '@rembuk/event-store'
import * as Y from 'yjs'

/**
 * `sections`: each teacher types in their own part of the text and their cursor moves with their text, as in
 * an editor (the usual case). `interleaved`: all three type at the same few places with cursors that do not
 * follow their text, which splits the text into the most Yjs items (the worst case).
 */
export type TypingPattern = 'sections' | 'interleaved'

export interface FixtureOptions {
  dataDir: string
  docId: string
  updates: number
  pattern: TypingPattern
  /** Snapshot every this many events, as the server does; leave out for a log with no snapshots. */
  snapshotEvery?: number
}

export interface Fixture {
  updates: number
  textLength: number
  /** Yjs structs in the final document: what a load has to integrate. */
  structs: number
  storedBytes: number
  snapshots: number
}

const writers = ['bu-sari', 'pak-budi', 'bu-wati']
const words = 'fermentasi tape ketan ragi suhu berat beras persentase biaya harga jual margin mikroba '.split(
  ' ',
)

/**
 * Three teachers typing into one shared text, one keystroke per stored update (no merging of updates), with
 * backspaces (10%) and jumps to another place (2%), written to the store as the server would. A document that
 * already has events (a new plan starts with its first content) is continued after them.
 */
export async function writeDocFixture(options: FixtureOptions): Promise<Fixture> {
  const file = join(options.dataDir, 'rembuk.db')
  const store = SqliteEventStore.open(file)
  const snapshots = options.snapshotEvery ? SqliteSnapshotStore.open(file) : undefined
  const docs = writers.map(() => new Y.Doc())
  const cursors = writers.map(() => 0)
  const anchors: (Y.RelativePosition | undefined)[] = writers.map(() => undefined)
  let pending: NewEvent[] = []
  let revision = await store.streamRevision(docStream(options.docId))
  for await (const event of store.readStream(docStream(options.docId))) {
    if (!docContentEventTypes.includes(event.type) || !event.payload) continue
    for (const doc of docs) Y.applyUpdate(doc, event.payload)
  }
  const firstRevision = revision === undefined ? 0 : Number(revision) + 1
  let storedBytes = 0
  let snapshotCount = 0
  let seed = 42
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed / 2147483648
  }

  for (let n = 0; n < options.updates; n++) {
    const w = n % writers.length
    const doc = docs[w] as Y.Doc
    const text = doc.getText('catatan')
    let update: Uint8Array | undefined
    const capture = (u: Uint8Array) => {
      update = u
    }
    doc.on('update', capture)
    const anchor = anchors[w]
    const followed = anchor ? Y.createAbsolutePositionFromRelativePosition(anchor, doc)?.index : undefined
    let cursor = options.pattern === 'sections' ? (followed ?? text.length) : (cursors[w] as number)
    if (random() < 0.02) cursor = Math.floor(random() * (text.length + 1))
    cursor = Math.min(cursor, text.length)
    if (random() < 0.1 && cursor > 0) {
      text.delete(cursor - 1, 1)
      cursor -= 1
    } else {
      const word = words[Math.floor(n / 8) % words.length] as string
      text.insert(cursor, word[n % word.length] ?? ' ')
      cursor += 1
    }
    cursors[w] = cursor
    anchors[w] = Y.createRelativePositionFromTypeIndex(text, cursor, -1)
    doc.off('update', capture)
    const change = update as Uint8Array
    for (const other of docs) if (other !== doc) Y.applyUpdate(other, change)
    storedBytes += change.byteLength
    pending.push({
      type: DocUpdated.type,
      data: { docId: options.docId, updates: 1, bytes: change.byteLength },
      payload: change,
      metadata: { actorId: writers[w] as string, schemaVersion: DocUpdated.version },
    })
    const atRevision = BigInt(firstRevision + n)
    const snapshotDue = options.snapshotEvery !== undefined && (n + 1) % options.snapshotEvery === 0
    if (pending.length === 1000 || snapshotDue || n === options.updates - 1) {
      revision = (await store.append(docStream(options.docId), pending, revision ?? 'no_stream'))
        .nextExpectedRevision
      pending = []
    }
    if (snapshotDue && snapshots) {
      await snapshots.save({ key: options.docId, revision: atRevision, state: Y.encodeStateAsUpdate(doc) })
      snapshotCount += 1
    }
  }
  const final = docs[0] as Y.Doc
  const textLength = final.getText('catatan').length
  const structs = [...final.store.clients.values()].reduce((sum, list) => sum + list.length, 0)
  await snapshots?.close()
  await store.close()
  return { updates: options.updates, textLength, structs, storedBytes, snapshots: snapshotCount }
}
