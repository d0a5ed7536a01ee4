import { copyFileSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createEvent, DocUpdated, docStream } from '@rembuk/domain'
import { SqliteEventStore, SqliteSnapshotStore } from '@rembuk/event-store'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { walChecksum } from './wal-frames.js'
import { cutTransaction } from './wal-inspect.js'

const docId = 'rencana-uji'
const docEvent = (actorId: string) =>
  createEvent(DocUpdated, { docId, updates: 1, bytes: 3 }, { actorId }, new Uint8Array([0, 0, 0]))

describe('cutTransaction', () => {
  let dir: string
  let file: string
  let killed: string

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rembuk-wal-'))
    file = join(dir, 'rembuk.db')
    killed = join(dir, 'killed.db')
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  /** Copies the store and its WAL as a writer killed now would leave them (closing checkpoints the WAL away). */
  function leaveBehind(): void {
    copyFileSync(file, killed)
    copyFileSync(`${file}-wal`, `${killed}-wal`)
  }

  const frameSize = (wal: Buffer) => 24 + wal.readUInt32BE(8)
  const lastFrameAt = (wal: Buffer) => wal.length - frameSize(wal)

  /** Turns the last transaction's commit frame into an ordinary frame, checksum and all: a commit never written. */
  function dropLastCommit(): void {
    const wal = readFileSync(`${killed}-wal`)
    const bigEndian = (wal.readUInt32BE(0) & 1) === 1
    const at = lastFrameAt(wal)
    const before = at === 32 ? 24 : at - frameSize(wal) + 16
    wal.writeUInt32BE(0, at + 4)
    const header = walChecksum(wal, at, at + 8, bigEndian, [
      wal.readUInt32BE(before),
      wal.readUInt32BE(before + 4),
    ])
    const [s0, s1] = walChecksum(wal, at + 24, wal.length, bigEndian, header)
    wal.writeUInt32BE(s0, at + 16)
    wal.writeUInt32BE(s1, at + 20)
    writeFileSync(`${killed}-wal`, wal)
  }

  async function appendTwice(): Promise<void> {
    const store = SqliteEventStore.open(file)
    await store.append(docStream(docId), [docEvent('guru-a')], 'no_stream')
    await store.append(docStream(docId), ['guru-a', 'guru-b', 'guru-c'].map(docEvent), 0n)
    leaveBehind()
    await store.close()
  }

  it('finds nothing to report when every transaction committed', async () => {
    await appendTwice()
    expect(cutTransaction(killed)).toBeUndefined()
  })

  it('finds an append of several events cut before its commit, and the events it was adding', async () => {
    await appendTwice()
    dropLastCommit()
    expect(cutTransaction(killed)).toMatchObject({
      torn: false,
      appending: true,
      snapshotting: false,
      newEvents: 3,
    })
  })

  it('finds a kill inside a frame: its header written, its page not', async () => {
    await appendTwice()
    dropLastCommit()
    const wal = readFileSync(`${killed}-wal`)
    truncateSync(`${killed}-wal`, lastFrameAt(wal) + 24 + 100)
    expect(cutTransaction(killed)).toMatchObject({ torn: true, appending: true })
  })

  it('finds a snapshot save cut before its commit', async () => {
    const store = SqliteEventStore.open(file)
    await store.append(docStream(docId), [docEvent('guru-a')], 'no_stream')
    const snapshots = SqliteSnapshotStore.open(file)
    await snapshots.save({ key: docId, revision: 0n, state: new Uint8Array(20_000) })
    leaveBehind()
    await Promise.all([snapshots.close(), store.close()])
    dropLastCommit()
    expect(cutTransaction(killed)).toMatchObject({
      torn: false,
      appending: false,
      snapshotting: true,
      newEvents: 0,
    })
  })
})
