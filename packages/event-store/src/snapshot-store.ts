export interface Snapshot {
  key: string
  /** The revision of the last event the snapshot includes. */
  revision: bigint
  state: Uint8Array
}

/**
 * Derived state kept apart from the log: any snapshot can be dropped and rebuilt from the events, so a
 * snapshot store never holds the only copy of anything.
 */
export interface SnapshotStore {
  save(snapshot: Snapshot): Promise<void>
  /** The newest snapshot at or before `atOrBefore` (the newest of all when left out). */
  latest(key: string, atOrBefore?: bigint): Promise<Snapshot | undefined>
  /** Drops every snapshot of `key` newer than `after` (all of them when left out). */
  drop(key: string, after?: bigint): Promise<number>
  close(): Promise<void>
}
