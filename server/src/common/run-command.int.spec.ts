import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type ExpectedRevision, SqliteEventStore } from '@rembuk/event-store'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { runCommand } from './run-command.js'

describe('commands on one stream', () => {
  let dir: string
  let store: SqliteEventStore
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rembuk-run-command-'))
    store = SqliteEventStore.open(join(dir, 'events.db'))
  })
  afterEach(async () => {
    await store.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('all succeed when many start at once, each decided on the state the one before left', async () => {
    let known: ExpectedRevision = 'no_stream'
    const invite = (name: string) =>
      runCommand({
        store,
        stream: 'school-s1',
        what: 'school',
        decide: () => ({
          events: [{ type: 'MemberInvited', data: { name }, metadata: { actorId: 'kepala' } }],
          expected: known,
        }),
        settled: async () => {
          known = (await store.streamRevision('school-s1')) ?? 'no_stream'
        },
      })
    const names = ['Bu Sari', 'Pak Budi', 'Bu Wati', 'Pak Dedi', 'Bu Rina', 'Pak Agus']
    await Promise.all(names.map(invite))
    const stored: string[] = []
    for await (const event of store.readStream('school-s1'))
      stored.push((event.data as { name: string }).name)
    expect(stored).toEqual(names)
  })

  it('still tells the caller when another writer keeps getting there first', async () => {
    await expect(
      runCommand({
        store,
        stream: 'school-s2',
        what: 'school',
        decide: () => ({ events: [{ type: 'Noted', data: {}, metadata: { actorId: 'a' } }], expected: 5n }),
        settled: async () => {},
      }),
    ).rejects.toThrow(/changed meanwhile/)
  })
})
