import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { rebuildDoc } from '@rembuk/collab'
import { DocUpdated, docStream } from '@rembuk/domain'
import { SqliteEventStore, SqliteSnapshotStore } from '@rembuk/event-store'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { findDocIds, rebuildSnapshots } from './rebuild-snapshots.js'

describe('rebuildSnapshots', () => {
  let dir: string
  let events: SqliteEventStore
  let snapshots: SqliteSnapshotStore
  const updates: Uint8Array[] = []

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rembuk-rebuild-'))
    events = SqliteEventStore.open(join(dir, 'rembuk.db'))
    snapshots = SqliteSnapshotStore.open(join(dir, 'rembuk.db'))
    const author = new Y.Doc()
    updates.length = 0
    author.on('update', (update: Uint8Array) => updates.push(update))
    for (let i = 0; i < 23; i++) author.getText('catatan').insert(0, `${i} `)
    for (const update of updates) {
      await events.append(
        docStream('peta'),
        [
          {
            type: DocUpdated.type,
            data: { docId: 'peta', updates: 1, bytes: update.byteLength },
            payload: update,
            metadata: { actorId: 'guru' },
          },
        ],
        'any',
      )
    }
    await events.append('plan-1', [{ type: 'PlanCreated', data: {}, metadata: { actorId: 'guru' } }], 'any')
    await snapshots.save({ key: 'peta', revision: 3n, state: new Uint8Array([0, 0]) })
  })
  afterEach(async () => {
    await snapshots.close()
    await events.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('finds the documents in the log', async () => {
    expect(await findDocIds(events)).toEqual(['peta'])
  })

  it('replaces every snapshot with ones made from the events', async () => {
    const result = await rebuildSnapshots(events, snapshots, 'peta', 5)
    expect(result).toEqual({ docId: 'peta', events: 23, snapshots: 4 })
    expect((await snapshots.latest('peta', 3n))?.revision).toBeUndefined()
    for (const revision of [4, 9, 14, 19]) {
      const snapshot = await snapshots.latest('peta', BigInt(revision))
      expect(snapshot?.revision).toBe(BigInt(revision))
      const fromSnapshot = rebuildDoc(snapshot?.state, [])
      const fromEvents = rebuildDoc(undefined, updates.slice(0, revision + 1))
      expect(fromSnapshot.getText('catatan').toString()).toBe(fromEvents.getText('catatan').toString())
    }
  })
})
