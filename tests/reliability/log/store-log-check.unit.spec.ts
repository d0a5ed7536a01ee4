import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { docStream } from '@rembuk/domain'
import { SqliteEventStore, SqliteSnapshotStore } from '@rembuk/event-store'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { docEvent, docId, typing } from './log-fixture.js'
import { checkStoreLog } from './store-log-check.js'

describe('checkStoreLog', () => {
  let dir: string
  let file: string
  let store: SqliteEventStore
  let snapshots: SqliteSnapshotStore
  const { updates, states } = typing()
  const [first, second, third] = updates as [Uint8Array, Uint8Array, Uint8Array]

  /** Appends each inner list as one append to the document's stream. */
  async function append(...appends: Uint8Array[][]) {
    let expected = (await store.streamRevision(docStream(docId))) ?? ('no_stream' as const)
    for (const payloads of appends) {
      const events = payloads.map((payload) => docEvent(payload))
      expected = (await store.append(docStream(docId), events, expected)).nextExpectedRevision
    }
  }

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rembuk-store-log-check-'))
    file = join(dir, 'rembuk.db')
    store = SqliteEventStore.open(file)
    snapshots = SqliteSnapshotStore.open(file)
  })
  afterEach(async () => {
    await store.close()
    await snapshots.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('finds nothing wrong in a sound log with a snapshot, and replays it', async () => {
    await append([first], [second, third])
    await snapshots.save({ key: docId, revision: 1n, state: states[1] as Uint8Array })
    const result = await checkStoreLog(store, snapshots)
    expect(result.problems).toEqual([])
    expect(result).toMatchObject({ ok: true, events: 3, streams: 1, snapshots: 1 })
    expect(result.documents[docId]).toEqual({ docId, events: 3, content: { catatan: 'abc' } })
  })

  it('reports a document update stored twice', async () => {
    await append([first], [second], [second], [third])
    const { ok, problems, documents } = await checkStoreLog(store, snapshots)
    expect(ok).toBe(false)
    expect(problems).toEqual([
      `${docId}@2 (position 3): DocUpdated changes nothing: its update was already stored`,
    ])
    expect(documents[docId]?.content).toEqual({ catatan: 'abc' })
  })

  it('reports an update whose causes are missing', async () => {
    await append([first], [third])
    expect((await checkStoreLog(store)).problems).toEqual([
      `${docId}@1 (position 2): missing causes: the replay waits for updates the log does not hold`,
      `${docId}: the replay still waits for missing causes at the end of the stream`,
    ])
  })

  it('reports a gap in a stream’s revisions', async () => {
    await append([first], [second], [third])
    const db = new Database(file)
    db.prepare('DELETE FROM events WHERE revision = 1').run()
    db.close()
    const { problems } = await checkStoreLog(store)
    expect(problems).toContain(`doc-${docId}: gap: revision 1 missing before position 3`)
  })

  it('reports snapshots that disagree with the replay or lie past the end of the stream', async () => {
    await append([first], [second], [third])
    await snapshots.save({ key: docId, revision: 0n, state: states[1] as Uint8Array })
    await snapshots.save({ key: docId, revision: 7n, state: states[2] as Uint8Array })
    expect((await checkStoreLog(store, snapshots)).problems).toEqual([
      `snapshot ${docId}@7 is past its stream's last revision (2)`,
      `${docId}@0 (position 1): snapshot holds other updates than the replay at its revision`,
    ])
  })

  it('reads only up to the position it is given', async () => {
    await append([first], [second])
    const { headPosition } = await checkStoreLog(store)
    await append([second])
    const cut = await checkStoreLog(store, snapshots, { untilPosition: headPosition })
    expect(cut).toMatchObject({ ok: true, events: 2 })
    expect((await checkStoreLog(store)).ok).toBe(false)
  })
})
