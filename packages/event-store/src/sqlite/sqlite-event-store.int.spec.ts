import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { testEventStore } from '../contract/index.js'
import type { EventStore } from '../port.js'
import { SqliteEventStore } from './sqlite-event-store.js'

testEventStore('sqlite (a file on disk)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rembuk-store-'))
  const file = join(dir, 'events.db')
  let store: EventStore = SqliteEventStore.open(file)
  return {
    store,
    async reopen() {
      await store.close()
      store = SqliteEventStore.open(file)
      return store
    },
    async dispose() {
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
})
