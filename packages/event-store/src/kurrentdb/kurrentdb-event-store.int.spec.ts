import { describe, it } from 'vitest'
import { testEventStore } from '../contract/index.js'
import type { EventStore } from '../port.js'
import { KurrentDbEventStore } from './kurrentdb-event-store.js'

const connectionString = process.env.KURRENTDB_CONNECTION_STRING

/*
 * Needs a KurrentDB of its own (another writer would move the head the suite checks), whose MaxAppendSize
 * admits the suite's 1 MiB payload in one append (the server's default is 1 MiB in all). Each test writes
 * under a fresh random prefix, so a server that keeps its history can run the suite again.
 */
if (connectionString) {
  testEventStore('kurrentdb (a real server)', async () => {
    let store: EventStore = await KurrentDbEventStore.connect(connectionString)
    return {
      store,
      async reopen() {
        await store.close()
        store = await KurrentDbEventStore.connect(connectionString)
        return store
      },
      dispose: () => store.close(),
    }
  })
} else {
  describe.skip('EventStore contract: kurrentdb — skipped: KURRENTDB_CONNECTION_STRING is not set: no KurrentDB server to test against', () => {
    it('runs the contract suite against a real KurrentDB server', () => {})
  })
}
