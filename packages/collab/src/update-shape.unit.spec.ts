import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { checkUpdate } from './update-check.js'
import { rootKindConflict } from './update-shape.js'

const fromHex = (hex: string) => new Uint8Array(Buffer.from(hex, 'hex'))

/** The update a peer makes when it applies `edit` to its copy of `doc`. */
function editOf(doc: Y.Doc, edit: (peer: Y.Doc) => void): Uint8Array {
  const peer = new Y.Doc()
  Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc))
  const before = Y.encodeStateVector(peer)
  edit(peer)
  return Y.encodeStateAsUpdate(peer, before)
}

function conflictOf(doc: Y.Doc, update: Uint8Array): string | undefined {
  const check = checkUpdate(update, 1 << 20)
  if (!check.ok) throw new Error(check.detail)
  return rootKindConflict(doc, check.structs)
}

function planDoc(): Y.Doc {
  const doc = new Y.Doc()
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText('Siswa mengamati ragi.')])
  doc.getXmlFragment('goals').insert(0, [paragraph])
  doc.getMap('lanes').set('lane-1', new Y.Map())
  return doc
}

describe('updates that Yjs would accept but that break the document', () => {
  it('refuses an item that refers to a later clock of its own client, and clocks past safe integers', () => {
    const selfReference = fromHex('0101f2d59f840a0084f2d59f840a00046c6f6f7000')
    expect(checkUpdate(selfReference, 1 << 20)).toMatchObject({ ok: false, problem: 'malformed' })
    const beyondSafe = fromHex('0102f2d59f840a0000feffffffffffff0f04010966757a7a2d65646765046162636400')
    expect(checkUpdate(beyondSafe, 1 << 20)).toMatchObject({
      ok: false,
      detail: 'struct with an impossible clock or length',
    })
  })

  it('refuses content of another kind than its root holds, whether named or reached through a neighbour', () => {
    const doc = planDoc()
    const before = Y.encodeStateVector(doc)
    const listIntoMap = editOf(doc, (peer) => peer.get('lanes', Y.Array).insert(0, ['lajur']))
    expect(conflictOf(doc, listIntoMap)).toBe('the update puts array content into "lanes", which holds map')
    const listBeforeXml = editOf(doc, (peer) => peer.get('goals', Y.Array).insert(0, ['teks']))
    expect(Y.decodeUpdate(listBeforeXml).structs[0]).toMatchObject({ parent: null })
    expect(conflictOf(doc, listBeforeXml)).toBe('the update puts array content into "goals", which holds xml')
    expect(Y.encodeStateVector(doc)).toEqual(before)
  })

  it('lets ordinary edits through: typing, new roots, nested content', () => {
    const doc = planDoc()
    const typing = editOf(doc, (peer) => {
      const text = (peer.getXmlFragment('goals').get(0) as Y.XmlElement).get(0) as Y.XmlText
      text.insert(0, 'Hari ke-1: ')
    })
    expect(conflictOf(doc, typing)).toBeUndefined()
    const newRoot = editOf(doc, (peer) =>
      peer.getXmlFragment('assessment').insert(0, [new Y.XmlElement('p')]),
    )
    expect(conflictOf(doc, newRoot)).toBeUndefined()
    const laneField = editOf(doc, (peer) =>
      (peer.getMap('lanes').get('lane-1') as Y.Map<unknown>).set('subject', 'Kimia'),
    )
    expect(conflictOf(doc, laneField)).toBeUndefined()
  })
})
