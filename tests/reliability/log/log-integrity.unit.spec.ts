import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { docStream } from '@rembuk/domain'
import { SqliteEventStore, SqliteSnapshotStore } from '@rembuk/event-store'
import Database from 'better-sqlite3'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { docEvent, docId, typing } from './log-fixture.js'
import { checkLogIntegrity } from './log-integrity.js'

describe('checkLogIntegrity', () => {
  let dir: string
  let file: string
  const { updates, states } = typing()
  const [first, second, third] = updates as [Uint8Array, Uint8Array, Uint8Array]

  /** Stores the events (each inner list is one append) and the snapshots given as revision → state. */
  async function writeLog(appends: Uint8Array[][], snapshots: [number, Uint8Array][] = []) {
    const store = SqliteEventStore.open(file)
    let expected: bigint | 'no_stream' = 'no_stream'
    for (const [second, append] of appends.entries()) {
      vi.setSystemTime(Date.UTC(2026, 10, 30, 8, 0, second))
      const events = append.map((payload, i) => docEvent(payload, `guru-${i}`))
      expected = (await store.append(docStream(docId), events, expected)).nextExpectedRevision
    }
    await store.close()
    const snapshotStore = SqliteSnapshotStore.open(file)
    for (const [revision, state] of snapshots) {
      await snapshotStore.save({ key: docId, revision: BigInt(revision), state })
    }
    await snapshotStore.close()
  }

  const tamper = (sql: string, ...params: unknown[]) => {
    const db = new Database(file)
    db.prepare(sql).run(...params)
    db.close()
  }

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] })
    dir = mkdtempSync(join(tmpdir(), 'rembuk-log-integrity-'))
    file = join(dir, 'rembuk.db')
  })
  afterEach(() => {
    vi.useRealTimers()
    rmSync(dir, { recursive: true, force: true })
  })

  it('finds nothing wrong in a sound log, and replays it', async () => {
    await writeLog([[first], [second, third]], [[1, states[1] as Uint8Array]])
    const result = checkLogIntegrity(file)
    expect(result.problems).toEqual([])
    expect(result).toMatchObject({ ok: true, events: 3, snapshots: 1, appends: 2, multiEventAppends: 1 })
    expect(result.documents[docId]).toEqual({ docId, events: 3, content: { catatan: 'abc' } })
  })

  it('reports a gap in a stream’s revisions', async () => {
    await writeLog([[first], [second, third]])
    tamper('DELETE FROM events WHERE revision = 1')
    const { ok, problems } = checkLogIntegrity(file)
    expect(ok).toBe(false)
    expect(problems).toContain(`doc-${docId}: gap: revision 1 missing before position 3`)
  })

  it('reports an update stored twice', async () => {
    await writeLog([[first], [second], [second]])
    expect(checkLogIntegrity(file).problems).toEqual([
      `${docId}@2 (position 3): DocUpdated changes nothing: its update was already stored`,
    ])
  })

  it('reports an event whose causes are missing, as half of a multi-event append would leave it', async () => {
    await writeLog([[first], [third]])
    expect(checkLogIntegrity(file).problems).toEqual([
      `${docId}@1 (position 2): missing causes: the replay waits for updates the log does not hold`,
      `${docId}: the replay still waits for missing causes at the end of the stream`,
    ])
  })

  it('reports a payload that is not a Yjs update', async () => {
    await writeLog([[first, second]])
    tamper('UPDATE events SET payload = ? WHERE revision = 1', Buffer.from(second.subarray(0, 5)))
    const { problems } = checkLogIntegrity(file)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(new RegExp(`^${docId}@1 \\(position 2\\): bad payload of DocUpdated: `))
  })

  it('reports a snapshot that disagrees with the replay at its revision', async () => {
    await writeLog([[first], [second], [third]], [[0, states[1] as Uint8Array]])
    expect(checkLogIntegrity(file).problems).toEqual([
      `${docId}@0 (position 1): snapshot holds other updates than the replay at its revision`,
    ])
  })

  it('reports a snapshot past the end of its stream', async () => {
    await writeLog([[first]], [[4, states[0] as Uint8Array]])
    expect(checkLogIntegrity(file).problems).toEqual([
      `snapshot ${docId}@4 is past its stream's last revision (0)`,
    ])
  })

  it('answers, rather than throws, for a file that is not there', () => {
    const { ok, problems } = checkLogIntegrity(join(dir, 'tidak-ada.db'))
    expect(ok).toBe(false)
    expect(problems[0]).toMatch(/does not open/)
  })
})
