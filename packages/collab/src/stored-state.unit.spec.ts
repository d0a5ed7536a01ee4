import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { StoredState } from './stored-state.js'

/** Every update a document's own edits emit, in order. */
function recording(doc: Y.Doc): Uint8Array[] {
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array, _origin: unknown, _doc: Y.Doc, transaction: Y.Transaction) => {
    if (transaction.local) updates.push(update)
  })
  return updates
}

function docFrom(...updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc()
  for (const update of updates) Y.applyUpdate(doc, update)
  return doc
}

function partOf(result: ReturnType<ReturnType<StoredState['plan']>['take']>): Uint8Array {
  if (result.kind !== 'new') throw new Error(`expected a new part, got ${result.kind}`)
  return result.update
}

describe('what a stream holds, without a document', () => {
  it('takes the part of an update the stream lacks, and nothing it holds', () => {
    const writer = new Y.Doc()
    const updates = recording(writer)
    writer.getText('t').insert(0, 'tape ')
    writer.getText('t').insert(5, 'ketan')
    const stored = StoredState.empty()
    stored.add(updates[0] as Uint8Array)

    const both = Y.mergeUpdates(updates)
    const part = partOf(stored.plan().take(both))
    expect(
      docFrom(updates[0] as Uint8Array, part)
        .getText('t')
        .toString(),
    ).toBe('tape ketan')
    expect(Y.parseUpdateMeta(part).from.get(writer.clientID)).toBe(5)

    stored.add(part)
    expect(stored.plan().take(both)).toEqual({ kind: 'stored' })
  })

  it('takes a deletion once: a repeated one is stored already', () => {
    const writer = new Y.Doc()
    const updates = recording(writer)
    writer.getText('t').insert(0, 'tiga hari')
    writer.getText('t').delete(0, 4)
    writer.getText('t').insert(0, 'dua')
    const stored = StoredState.of(docFrom(updates[0] as Uint8Array))
    const deletion = updates[1] as Uint8Array
    expect(partOf(stored.plan().take(deletion))).toBeInstanceOf(Uint8Array)
    stored.add(deletion)
    expect(stored.plan().take(deletion)).toEqual({ kind: 'stored' })
    const rest = partOf(stored.plan().take(Y.mergeUpdates(updates)))
    stored.add(rest)
    expect(
      docFrom(updates[0] as Uint8Array, deletion, rest)
        .getText('t')
        .toString(),
    ).toBe('dua hari')
  })

  it('waits rather than take an update whose causes the stream does not hold', () => {
    const sari = new Y.Doc()
    const budi = new Y.Doc()
    const fromSari = recording(sari)
    const fromBudi = recording(budi)
    sari.getText('t').insert(0, 'fermentasi')
    Y.applyUpdate(budi, fromSari[0] as Uint8Array)
    budi.getText('t').insert(10, ' dua hari')
    budi.getText('t').delete(0, 1)

    const stored = StoredState.empty()
    const plan = stored.plan()
    expect(plan.take(fromBudi[0] as Uint8Array)).toEqual({ kind: 'waiting' })
    expect(plan.take(fromBudi[1] as Uint8Array)).toEqual({ kind: 'waiting' })
    partOf(plan.take(fromSari[0] as Uint8Array))
    partOf(plan.take(fromBudi[0] as Uint8Array))
    partOf(plan.take(fromBudi[1] as Uint8Array))
  })

  it('counts a stored update that arrived before its predecessor once the predecessor is stored', () => {
    const writer = new Y.Doc()
    const updates = recording(writer)
    writer.getText('t').insert(0, 'a')
    writer.getText('t').insert(1, 'b')
    const stored = StoredState.empty()
    stored.add(updates[1] as Uint8Array)
    expect(Y.decodeStateVector(stored.stateVector).get(writer.clientID)).toBeUndefined()
    stored.add(updates[0] as Uint8Array)
    expect(Y.decodeStateVector(stored.stateVector).get(writer.clientID)).toBe(2)
  })

  it('says what is stored as a state vector and a delete set a client can read', () => {
    const writer = new Y.Doc()
    writer.getText('t').insert(0, 'ragi tape')
    writer.getText('t').delete(0, 5)
    const stored = StoredState.of(writer)
    expect(stored.stateVector).toEqual(Y.encodeStateVector(writer))
    const { structs, ds } = Y.decodeUpdate(stored.deleteSetUpdate)
    expect(structs).toEqual([])
    expect(ds.clients.get(writer.clientID)?.map((item) => [item.clock, item.len])).toEqual([[0, 5]])
    const reader = docFrom(Y.encodeStateAsUpdate(writer), stored.deleteSetUpdate)
    expect(reader.getText('t').toString()).toBe('tape')
  })

  it('merges deleted ranges that touch or overlap', () => {
    const writer = new Y.Doc()
    const updates = recording(writer)
    writer.getText('t').insert(0, 'abcdefghij')
    const stored = StoredState.of(docFrom(updates[0] as Uint8Array))
    writer.getText('t').delete(2, 2)
    writer.getText('t').delete(6 - 2, 2)
    writer.getText('t').delete(2, 2)
    for (const update of updates.slice(1)) stored.add(update)
    const { ds } = Y.decodeUpdate(stored.deleteSetUpdate)
    expect(ds.clients.get(writer.clientID)?.map((item) => [item.clock, item.len])).toEqual([[2, 6]])
  })
})
