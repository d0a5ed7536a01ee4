import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { changeOf, type PendingChange, PendingChanges, type ServerState } from './pending-changes.js'

class MemoryStorage {
  readonly items = new Map<string, string>()
  getItem = (key: string) => this.items.get(key) ?? null
  setItem = (key: string, value: string) => void this.items.set(key, value)
  removeItem = (key: string) => void this.items.delete(key)
}

/** Records every local change of `doc` the way the client does. */
function track(doc: Y.Doc, pending: PendingChanges) {
  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    if (!transaction.local) return
    const change = changeOf(transaction, doc.clientID)
    if (change) pending.add(change)
  })
}

/** What a server holding `doc` answers a sync request with: its state vector and its delete set. */
function serverState(doc: Y.Doc): ServerState {
  return {
    stateVector: Y.decodeStateVector(Y.encodeStateVector(doc)),
    deleted: Y.decodeUpdate(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc))).ds,
  }
}

describe('pending changes', () => {
  it('counts local edits until a server state holds them, and ignores remote ones', () => {
    const client = new Y.Doc()
    const server = new Y.Doc()
    const pending = new PendingChanges('doc', new MemoryStorage())
    track(client, pending)
    const text = client.getText('t')
    text.insert(0, 'tape')
    text.insert(4, ' ketan')
    expect(pending.count).toBe(2)

    expect(pending.confirm(serverState(server))).toBe(2)
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client))
    expect(pending.confirm(serverState(server))).toBe(0)

    const other = new Y.Doc()
    other.getText('t').insert(0, 'x')
    Y.applyUpdate(client, Y.encodeStateAsUpdate(other))
    expect(pending.count).toBe(0)
  })

  it('confirms a deletion only once the server has deleted the same characters', () => {
    const client = new Y.Doc()
    const server = new Y.Doc()
    const text = client.getText('t')
    text.insert(0, 'tiga hari')
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client))
    const pending = new PendingChanges('doc', new MemoryStorage())
    track(client, pending)

    text.delete(0, 4)
    text.insert(0, 'dua')
    expect(pending.count).toBe(2)
    const onlyInsertion = new Y.Doc()
    Y.applyUpdate(onlyInsertion, Y.encodeStateAsUpdate(server))
    const insertOnly = serverState(onlyInsertion)
    insertOnly.stateVector = Y.decodeStateVector(Y.encodeStateVector(client))
    expect(pending.confirm(insertOnly)).toBe(2)

    Y.applyUpdate(server, Y.encodeStateAsUpdate(client))
    expect(server.getText('t').toString()).toBe('dua hari')
    expect(pending.confirm(serverState(server))).toBe(0)
  })

  it('survives a reload: the pending edits are read back from storage', () => {
    const storage = new MemoryStorage()
    const client = new Y.Doc()
    const first = new PendingChanges('plan-1', storage)
    track(client, first)
    client.getText('t').insert(0, 'luring')
    client.getText('t').insert(6, '!')
    first.flush()

    const afterReload = new PendingChanges('plan-1', storage)
    expect(afterReload.count).toBe(2)
    expect(new PendingChanges('plan-2', storage).count).toBe(0)
    afterReload.confirm(serverState(client))
    expect(storage.items.has('plan-1')).toBe(false)
  })

  it('keeps the edits of an earlier session (another client id) apart from the new ones', () => {
    const storage = new MemoryStorage()
    const earlier: PendingChange = { edits: 3, inserted: { client: 1, clock: 10 }, deleted: [] }
    const pending = new PendingChanges('doc', storage)
    pending.add(earlier)
    pending.add({ edits: 1, inserted: { client: 2, clock: 1 }, deleted: [] })
    expect(pending.count).toBe(4)
    const server: ServerState = { stateVector: new Map([[2, 1]]), deleted: null }
    expect(pending.confirm(server)).toBe(3)
  })
})
