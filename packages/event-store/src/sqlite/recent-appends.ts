import type Database from 'better-sqlite3'
import type { EventFilter } from '../port.js'

interface Appended {
  position: bigint
  streamId: string
  type: string
}

const matches = (filter: EventFilter | undefined, event: Appended): boolean =>
  (!filter?.streamPrefixes || filter.streamPrefixes.some((prefix) => event.streamId.startsWith(prefix))) &&
  (!filter?.typePrefixes || filter.typePrefixes.some((prefix) => event.type.startsWith(prefix)))

/**
 * What this connection appended lately, so that a filtered subscription woken by an append learns without a
 * query that nothing after its cursor concerns it (a document keystroke wakes every directory of the school).
 * It knows every event after its floor only while no other connection has written to the file: SQLite's
 * `data_version` tells; when it moves, this starts over from the head.
 */
export class RecentAppends {
  private entries: Appended[] = []
  private floor: bigint
  private version: number
  private readonly dataVersion: Database.Statement<[], { data_version: number }>
  private readonly head: Database.Statement<[], { position: number | null }>

  constructor(
    db: Database.Database,
    private readonly capacity = 10_000,
  ) {
    this.dataVersion = db.prepare('PRAGMA data_version')
    this.head = db.prepare('SELECT MAX(position) AS position FROM events')
    this.version = this.currentVersion()
    this.floor = this.currentHead()
  }

  record(position: bigint, streamId: string, type: string): void {
    this.entries.push({ position, streamId, type })
    if (this.entries.length > this.capacity) {
      const dropped = this.entries.splice(0, this.entries.length - this.capacity)
      this.floor = (dropped.at(-1) as Appended).position
    }
  }

  /** The head position when no event after `after` matches `filter`; undefined when only a query can tell. */
  headIfNothingAfter(after: bigint, filter: EventFilter | undefined): bigint | undefined {
    if (this.otherWriters() || after < this.floor) return undefined
    // Entries are in position order: only those after the cursor, from the newest back, need a look.
    for (let i = this.entries.length - 1; i >= 0; i--) {
      const event = this.entries[i] as Appended
      if (event.position <= after) break
      if (matches(filter, event)) return undefined
    }
    return this.entries.at(-1)?.position ?? this.floor
  }

  private otherWriters(): boolean {
    const version = this.currentVersion()
    if (version === this.version) return false
    this.version = version
    this.entries = []
    this.floor = this.currentHead()
    return true
  }

  private currentVersion(): number {
    return (this.dataVersion.get() as { data_version: number }).data_version
  }

  private currentHead(): bigint {
    return BigInt(this.head.get()?.position ?? 0)
  }
}
