import { join } from 'node:path'
import { DocUpdated, docStream } from '@rembuk/domain'
import { type NewEvent, SqliteEventStore, SqliteSnapshotStore } from '@rembuk/event-store'
import * as Y from 'yjs'

export interface FixtureOptions {
  dataDir: string
  docId: string
  updates: number
  /** Snapshot every this many events, as the server does; leave out for a log with no snapshots. */
  snapshotEvery?: number
}

export interface Fixture {
  updates: number
  textLength: number
  storedBytes: number
  snapshots: number
}

const writers = ['bu-sari', 'pak-budi', 'bu-wati']
const words = 'fermentasi tape ketan ragi suhu berat beras persentase biaya harga jual margin mikroba '.split(
  ' ',
)

/**
 * Three teachers typing into one shared text, one keystroke per stored update (the worst case: no merging),
 * with some deletions and jumps around the document, written to the store as the server would.
 */
export async function writeDocFixture(options: FixtureOptions): Promise<Fixture> {
  const file = join(options.dataDir, 'rembuk.db')
  const store = SqliteEventStore.open(file)
  const snapshots = options.snapshotEvery ? SqliteSnapshotStore.open(file) : undefined
  const docs = writers.map(() => new Y.Doc())
  const cursors = writers.map(() => 0)
  let pending: NewEvent[] = []
  let revision: bigint | undefined
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
    if (random() < 0.02) cursors[w] = Math.floor(random() * (text.length + 1))
    const cursor = Math.min(cursors[w] as number, text.length)
    if (random() < 0.1 && cursor > 0) {
      text.delete(cursor - 1, 1)
      cursors[w] = cursor - 1
    } else {
      const word = words[Math.floor(n / 8) % words.length] as string
      text.insert(cursor, word[n % word.length] ?? ' ')
      cursors[w] = cursor + 1
    }
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
    const atRevision = BigInt(n)
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
  const textLength = (docs[0] as Y.Doc).getText('catatan').length
  await snapshots?.close()
  await store.close()
  return { updates: options.updates, textLength, storedBytes, snapshots: snapshotCount }
}
