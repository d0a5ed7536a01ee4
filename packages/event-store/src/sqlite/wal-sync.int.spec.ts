import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { WalSync } from './wal-sync.js'

describe('flushing the write-ahead log off the event loop', () => {
  let dir: string
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rembuk-wal-sync-'))
  })
  afterEach(() => rmSync(dir, { recursive: true, force: true }))

  it('answers each commit once a flush that started after it is done, and shares flushes', async () => {
    const file = join(dir, 'events.db-wal')
    writeFileSync(file, 'frames')
    const sync = new WalSync(file)
    const order: string[] = []
    const first = sync.commit()
    const firstDurable = sync.durable(first).then(() => order.push('first'))
    const second = sync.commit()
    const third = sync.commit()
    await Promise.all([
      firstDurable,
      sync.durable(second).then(() => order.push('second')),
      sync.durable(third).then(() => order.push('third')),
    ])
    expect(order).toEqual(['first', 'second', 'third'])
    await sync.close()
  })

  it('refuses every later commit once a flush has failed', async () => {
    const sync = new WalSync(join(dir, 'missing', 'events.db-wal'))
    await expect(sync.durable(sync.commit())).rejects.toThrow(/could not be written to disk/)
    await expect(sync.durable(sync.commit())).rejects.toThrow(/could not be written to disk/)
    await sync.close()
  })

  it('has nothing to flush for a database in memory', async () => {
    const sync = new WalSync(undefined)
    await expect(sync.durable(sync.commit())).resolves.toBeUndefined()
  })
})
