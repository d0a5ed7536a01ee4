import { join } from 'node:path'
import {
  type EventStore,
  type SnapshotStore,
  SqliteEventStore,
  SqliteSnapshotStore,
} from '@rembuk/event-store'
import { PostgresEventStore, PostgresSnapshotStore } from '@rembuk/event-store/postgres'

/** An event store (and its snapshots, when the adapter has them) opened for one read, closed after it. */
export interface OpenedStore {
  events: EventStore
  snapshots: SnapshotStore | undefined
  close(): Promise<void>
}

export type StoreAccess = () => Promise<OpenedStore>

/**
 * Reads the PostgreSQL event store at `url` through the port. Connecting makes the store's tables when they
 * are missing, so open it only once the replicas have.
 */
export function postgresAccess(url: string): StoreAccess {
  return async () => {
    const events = await PostgresEventStore.connect(url, { maxConnections: 2 })
    const snapshots = await PostgresSnapshotStore.connect(url, { maxConnections: 1 }).catch(
      async (error: unknown) => {
        await events.close()
        throw error
      },
    )
    return {
      events,
      snapshots,
      async close() {
        await Promise.allSettled([events.close(), snapshots?.close()])
      },
    }
  }
}

/** Reads the SQLite store of a server's data directory through the port (the server may keep writing). */
export function sqliteAccess(dataDir: () => string): StoreAccess {
  return async () => {
    const file = join(dataDir(), 'rembuk.db')
    const events = SqliteEventStore.open(file)
    const snapshots = SqliteSnapshotStore.open(file)
    return {
      events,
      snapshots,
      async close() {
        await Promise.allSettled([events.close(), snapshots.close()])
      },
    }
  }
}
