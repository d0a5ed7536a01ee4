export { PostgresEventStore, type PostgresEventStoreOptions } from './postgres-event-store.js'
export { PostgresSnapshotStore } from './postgres-snapshot-store.js'
