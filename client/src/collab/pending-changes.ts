import type * as Y from 'yjs'

/** A document's deleted ranges by client, as Yjs encodes them in an update. */
export type DeleteSet = ReturnType<typeof Y.decodeUpdate>['ds']

/**
 * Local changes the server has not confirmed: how many edits, the clock their insertions reached, and what they
 * deleted. Consecutive edits of one client are kept as one entry.
 */
export interface PendingChange {
  edits: number
  inserted: { client: number; clock: number } | null
  /** [client, clock, length] */
  deleted: [number, number, number][]
}

/** What the server holds, as it told the client: its state vector and its delete set. */
export interface ServerState {
  stateVector: Map<number, number>
  deleted: DeleteSet | null
}

/** The local change a transaction made, or null when it changed nothing of the document. */
export function changeOf(transaction: Y.Transaction, clientId: number): PendingChange | null {
  const before = transaction.beforeState.get(clientId) ?? 0
  const after = transaction.afterState.get(clientId) ?? 0
  const deleted: [number, number, number][] = []
  for (const [client, items] of transaction.deleteSet.clients) {
    for (const item of items) deleted.push([client, item.clock, item.len])
  }
  if (after <= before && deleted.length === 0) return null
  return { edits: 1, inserted: after > before ? { client: clientId, clock: after } : null, deleted }
}

function covers(deletes: DeleteSet, [client, clock, len]: [number, number, number]): boolean {
  const items = [...(deletes.clients.get(client) ?? [])].sort((a, b) => a.clock - b.clock)
  let next = clock
  const end = clock + len
  for (const item of items) {
    if (item.clock > next) break
    next = Math.max(next, item.clock + item.len)
    if (next >= end) return true
  }
  return next >= end
}

/** Whether the server holds everything a change made. */
export function confirmed(change: PendingChange, server: ServerState): boolean {
  if (change.inserted && (server.stateVector.get(change.inserted.client) ?? 0) < change.inserted.clock) {
    return false
  }
  if (change.deleted.length === 0) return true
  const deletes = server.deleted
  return deletes !== null && change.deleted.every((range) => covers(deletes, range))
}

/** How long edits gather before the pending list is written again: not once per keystroke. */
const saveDelayMs = 300

/**
 * The pending changes of one document, kept in localStorage so they survive a reload. Edits are written a
 * moment after typing pauses; `flush` writes at once (the page is going away).
 */
export class PendingChanges {
  private changes: PendingChange[]
  private saveTimer: ReturnType<typeof setTimeout> | undefined

  constructor(
    private readonly storageKey: string,
    private readonly storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> = localStorage,
  ) {
    this.changes = PendingChanges.read(storage, storageKey)
  }

  /** How many edits are still pending. */
  get count(): number {
    return this.changes.reduce((sum, change) => sum + change.edits, 0)
  }

  add(change: PendingChange): void {
    const last = this.changes.at(-1)
    if (last && (!last.inserted || !change.inserted || last.inserted.client === change.inserted.client)) {
      last.edits += change.edits
      last.inserted = change.inserted ?? last.inserted
      last.deleted.push(...change.deleted)
    } else {
      this.changes.push(change)
    }
    this.saveTimer ??= setTimeout(() => this.flush(), saveDelayMs)
  }

  /** Drops what the server now holds; answers how many edits are still pending. */
  confirm(server: ServerState): number {
    const before = this.changes.length
    this.changes = this.changes.filter((change) => !confirmed(change, server))
    if (this.changes.length !== before) this.flush()
    return this.count
  }

  flush(): void {
    clearTimeout(this.saveTimer)
    this.saveTimer = undefined
    this.save()
  }

  private save(): void {
    if (this.changes.length === 0) this.storage.removeItem(this.storageKey)
    else this.storage.setItem(this.storageKey, JSON.stringify(this.changes))
  }

  private static read(storage: Pick<Storage, 'getItem'>, key: string): PendingChange[] {
    try {
      const parsed: unknown = JSON.parse(storage.getItem(key) ?? '[]')
      return Array.isArray(parsed) ? (parsed as PendingChange[]) : []
    } catch {
      return []
    }
  }
}
