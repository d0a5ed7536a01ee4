import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { updateChunks } from './sync-chunks.js'

type Random = () => number

function seeded(seed: number): Random {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32
  }
}

function at<T>(items: readonly T[], index: number): T {
  const item = items.at(index)
  if (item === undefined) throw new Error(`nothing at ${index}`)
  return item
}

const pick = <T>(random: Random, items: readonly T[]): T => at(items, Math.floor(random() * items.length))
const below = (random: Random, n: number) => Math.floor(random() * n)
const words = ['lorem', 'ipsum ', ' dolor', 'sit amet 🙂', 'ß', 'fermentasi tempe', ' ']
const word = (random: Random) => pick(random, words)

function edit(doc: Y.Doc, random: Random): void {
  const text = doc.getText('text')
  const map = doc.getMap<unknown>('map')
  const array = doc.getArray<unknown>('array')
  const position = (length: number) => below(random, length + 1)
  const range = (length: number): [number, number] => {
    const start = below(random, length)
    return [start, 1 + below(random, Math.min(12, length - start))]
  }
  const op = below(random, 9)
  if (op <= 2) {
    const index = random() < 0.5 ? text.length : position(text.length)
    text.insert(index, word(random), random() < 0.3 ? { bold: true } : undefined)
  } else if (op === 3 && text.length > 0) text.delete(...range(text.length))
  else if (op === 4 && text.length > 0) text.format(...range(text.length), { italic: random() < 0.7 || null })
  else if (op === 5) text.insertEmbed(position(text.length), { image: word(random) })
  else if (op === 6) {
    const key = `k${below(random, 6)}`
    if (random() < 0.2) map.delete(key)
    else map.set(key, random() < 0.3 ? new Y.Map([['n', below(random, 100)]]) : word(random))
  } else if (op === 7) {
    const nested = [...map.values(), ...array.toArray()].find((value) => value instanceof Y.Map)
    if (nested instanceof Y.Map) nested.set(word(random), random())
  } else if (array.length > 0 && random() < 0.3) array.delete(...range(array.length))
  else
    array.insert(
      random() < 0.5 ? array.length : position(array.length),
      random() < 0.3 ? [new Y.Map([['w', word(random)]])] : [word(random), 7],
    )
}

function sync(from: Y.Doc, to: Y.Doc): void {
  Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)))
}

interface Scenario {
  source: Y.Doc
  /** Updates that bring an empty doc to each receiver's state. */
  receivers: { name: string; state: Uint8Array }[]
}

/** Peers editing concurrently and syncing now and then; the first peer is the source. */
function scenario(random: Random): Scenario {
  const peers = Array.from({ length: 2 + below(random, 3) }, (_, i) => {
    const doc = new Y.Doc({ gc: random() < 0.5 })
    doc.clientID = random() < 0.5 ? i + 1 : 2 ** 31 + below(random, 2 ** 31)
    return doc
  })
  const source = at(peers, 0)
  const receivers = [{ name: 'empty', state: Y.encodeStateAsUpdate(new Y.Doc()) }]
  const steps = 20 + below(random, 120)
  for (let step = 0; step < steps; step++) {
    if (random() < 0.15) sync(pick(random, peers), pick(random, peers))
    else edit(pick(random, peers), random)
    if (random() < 0.05) {
      const text = source.getText('text')
      text.insert(text.length, word(random))
      receivers.push({ name: `past ${step}`, state: Y.encodeStateAsUpdate(source) })
      text.insert(text.length, word(random))
    }
  }
  for (const peer of peers.slice(1)) {
    if (random() < 0.7) sync(peer, source)
    receivers.push({ name: `peer ${peer.clientID}`, state: Y.encodeStateAsUpdate(peer) })
  }
  return { source, receivers }
}

function docFrom(...updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc()
  for (const update of updates) Y.applyUpdate(doc, update)
  return doc
}

function stateOf(doc: Y.Doc) {
  return {
    stateVector: Y.decodeStateVector(Y.encodeStateVector(doc)),
    deleteSet: [...Y.createDeleteSetFromStructStore(doc.store).clients.entries()].sort(([a], [b]) => a - b),
    text: doc.getText('text').toDelta(),
    map: doc.getMap('map').toJSON(),
    array: doc.getArray('array').toJSON(),
  }
}

const structIds = (updates: Uint8Array[]) =>
  updates.flatMap((update) => Y.decodeUpdate(update).structs.map((s) => [s.id.client, s.id.clock, s.length]))
const byId = (a: number[], b: number[]) => (a[0] ?? 0) - (b[0] ?? 0) || (a[1] ?? 0) - (b[1] ?? 0)

describe('updateChunks', () => {
  it('splits any diff into chunks that rebuild what the full diff gives', () => {
    const random = seeded(20240611)
    let split = 0
    for (let round = 0; round < 60; round++) {
      const { source, receivers } = scenario(random)
      for (const { name, state } of receivers) {
        const target = Y.encodeStateVector(docFrom(state))
        const full = Y.encodeStateAsUpdate(source, target)
        const max = pick(random, [1, 16, 64, 256, Math.ceil(full.byteLength / 3)])
        const chunks = updateChunks(source, target, max)
        const context = `round ${round}, receiver ${name}, max ${max}, full ${full.byteLength}`
        if (full.byteLength <= max) {
          expect(chunks, context).toEqual([full])
          continue
        }
        split++
        const structChunks = chunks.slice(0, -1)
        const last = Y.decodeUpdate(at(chunks, -1))
        expect(last.structs, context).toEqual([])
        expect(Y.equalDeleteSets(last.ds, Y.decodeUpdate(full).ds), context).toBe(true)
        for (const chunk of structChunks) {
          const { structs, ds } = Y.decodeUpdate(chunk)
          expect(ds.clients.size, context).toBe(0)
          expect(structs.length === 1 || chunk.byteLength <= max, context).toBe(true)
        }
        expect(structIds(structChunks).sort(byId), context).toEqual(structIds([full]).sort(byId))

        const viaFull = docFrom(state, full)
        const viaChunks = docFrom(state)
        for (const chunk of structChunks) {
          Y.applyUpdate(viaChunks, chunk)
          expect(viaChunks.store.pendingStructs, `${context}: a chunk waits for a later one`).toBeNull()
        }
        Y.applyUpdate(viaChunks, at(chunks, -1))
        expect(stateOf(viaChunks), context).toEqual(stateOf(viaFull))
        const union = docFrom(state, Y.encodeStateAsUpdate(source))
        expect(stateOf(viaChunks).stateVector, context).toEqual(stateOf(union).stateVector)
      }
    }
    expect(split).toBeGreaterThan(100)
  }, 30_000)

  it('returns the full diff itself when it fits', () => {
    const random = seeded(7)
    const { source, receivers } = scenario(random)
    for (const { state } of receivers) {
      const target = Y.encodeStateVector(docFrom(state))
      const full = Y.encodeStateAsUpdate(source, target)
      expect(updateChunks(source, target, full.byteLength)).toEqual([full])
      expect(updateChunks(source, target, 16, full.byteLength)).toEqual([full])
      expect(updateChunks(source, target, 16, full.byteLength - 1).length).toBeGreaterThan(2)
    }
  })

  it('carries pending structs and deletions along', () => {
    const random = seeded(99)
    const writer = new Y.Doc()
    for (let i = 0; i < 30; i++) edit(writer, random)
    const first = Y.encodeStateAsUpdate(writer)
    const middle = Y.encodeStateVector(writer)
    for (let i = 0; i < 30; i++) edit(writer, random)
    const second = Y.encodeStateAsUpdate(writer, middle)
    const source = docFrom(second)
    const other = new Y.Doc()
    for (let i = 0; i < 40; i++) edit(other, random)
    Y.applyUpdate(source, Y.encodeStateAsUpdate(other))
    expect(source.store.pendingStructs).not.toBeNull()
    expect(source.store.pendingDs).not.toBeNull()

    const full = Y.encodeStateAsUpdate(source)
    const chunks = updateChunks(source, Y.encodeStateVector(new Y.Doc()), 64)
    expect(chunks.length).toBeGreaterThan(3)
    const viaFull = docFrom(full)
    const viaChunks = docFrom(...chunks)
    expect(viaChunks.store.pendingStructs).not.toBeNull()
    expect(stateOf(viaChunks)).toEqual(stateOf(viaFull))
    Y.applyUpdate(viaFull, first)
    Y.applyUpdate(viaChunks, first)
    expect(viaChunks.store.pendingStructs).toBeNull()
    expect(stateOf(viaChunks)).toEqual(stateOf(viaFull))
    const everything = docFrom(Y.encodeStateAsUpdate(writer), Y.encodeStateAsUpdate(other))
    expect(stateOf(viaChunks)).toEqual(stateOf(everything))
  })

  it('splits a large typed document into chunks near the limit', () => {
    const doc = new Y.Doc()
    const random = seeded(1)
    const texts = Array.from({ length: 500 }, (_, i) =>
      doc.getMap<Y.Text>('notes').set(`n${i}`, new Y.Text()),
    )
    const line = 'Kelas 7B membahas fermentasi tempe dan mencatat hasil pengamatan harian. '.repeat(4)
    for (let i = 0; i < 45_000; i++) {
      const text = pick(random, texts)
      text.insert(text.length, line.slice(0, 150 + below(random, 120)))
    }
    const full = Y.encodeStateAsUpdate(doc)
    expect(full.byteLength).toBeGreaterThan(9_500_000)
    const max = 64 * 1024

    const chunks = updateChunks(doc, Y.encodeStateVector(new Y.Doc()), max)

    const structChunks = chunks.slice(0, -1)
    expect(structChunks.every((chunk) => chunk.byteLength <= max)).toBe(true)
    expect(structChunks.slice(0, -1).every((chunk) => chunk.byteLength > max - 2048)).toBe(true)
    expect(structChunks.length).toBeLessThanOrEqual(Math.ceil(full.byteLength / (max - 2048)))
    const rebuilt = docFrom(...chunks)
    expect(Y.encodeStateVector(rebuilt)).toEqual(Y.encodeStateVector(doc))
    expect(rebuilt.getMap('notes').toJSON()).toEqual(doc.getMap('notes').toJSON())
  }, 60_000)
})
