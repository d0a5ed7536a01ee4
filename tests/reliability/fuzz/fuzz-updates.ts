import { activityMap, startLessonPlan } from '@rembuk/collab'
import * as Y from 'yjs'
import { concat, type Rng, varBytes, varString, varUint } from './fuzz-wire.js'

/** A document whose edits carry a client id drawn from the seed, so that the same seed makes the same bytes. */
function seededDoc(rng: Rng): Y.Doc {
  const doc = new Y.Doc({ gc: rng.chance(0.5) })
  doc.clientID = rng.clientId()
  return doc
}

/** The update of each edit, in order; each edit is one transaction. */
function updatesOf(rng: Rng, edits: ((doc: Y.Doc) => void)[]): Uint8Array[] {
  const doc = seededDoc(rng)
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  for (const edit of edits) doc.transact(() => edit(doc))
  doc.destroy()
  return updates
}

const state = (rng: Rng, edit: (doc: Y.Doc) => void): Uint8Array => {
  const doc = seededDoc(rng)
  edit(doc)
  const update = Y.encodeStateAsUpdate(doc)
  doc.destroy()
  return update
}

/** One edit of the kinds the clients make, into roots of its own (never `catatan`, which the bystanders type). */
function someEdit(rng: Rng, doc: Y.Doc): void {
  const root = `fuzz-${rng.int(4)}`
  switch (rng.int(5)) {
    case 0:
      doc.getText(root).insert(0, rng.text(rng.between(1, 40)))
      break
    case 1:
      doc.getMap(`${root}-map`).set(rng.text(4), rng.pick([1, 'dua', null, true, { tiga: [3] }, 2.5]))
      break
    case 2:
      doc.getArray(`${root}-array`).insert(0, [rng.int(1000), rng.text(5), new Uint8Array([1, 2, 3])])
      break
    case 3: {
      const text = doc.getText(`${root}-rich`)
      text.insert(0, rng.text(20), { bold: true })
      text.delete(rng.int(10), rng.between(1, 5))
      break
    }
    default: {
      const fragment = doc.getXmlFragment(`${root}-xml`)
      const paragraph = new Y.XmlElement('paragraph')
      paragraph.insert(0, [new Y.XmlText(rng.text(10))])
      fragment.insert(0, [paragraph])
    }
  }
}

export const smallUpdate = (rng: Rng): Uint8Array => state(rng, (doc) => someEdit(rng, doc))

export const fullState = (rng: Rng): Uint8Array =>
  state(rng, (doc) => {
    for (let i = rng.between(2, 5); i > 0; i--) someEdit(rng, doc)
  })

export function stateVector(rng: Rng): Uint8Array {
  if (rng.chance(0.5)) {
    const doc = new Y.Doc()
    Y.applyUpdate(doc, fullState(rng))
    const vector = Y.encodeStateVector(doc)
    doc.destroy()
    return vector
  }
  const entries = Array.from({ length: rng.between(0, 6) }, () =>
    concat(varUint(rng.clientId()), varUint(rng.pick([0, 1, 1000, 2 ** 32, Number.MAX_SAFE_INTEGER]))),
  )
  return concat(varUint(entries.length), ...entries)
}

/** An update inserting `length` ASCII characters (as many bytes) into the text root `root`. */
export const textUpdate = (rng: Rng, root: string, length: number): Uint8Array =>
  state(rng, (doc) => {
    const text = Buffer.from(rng.bytes(Math.ceil((length * 3) / 4))).toString('base64')
    doc.getText(root).insert(0, text.slice(0, length))
  })

/** Valid updates made for other documents: other roots, and known roots as other kinds. */
export const foreignUpdates: Record<string, (rng: Rng) => Uint8Array> = {
  'plan-doc': (rng) =>
    state(rng, (doc) => {
      startLessonPlan(doc)
      doc.getXmlFragment('goals').insert(0, [new Y.XmlText(rng.text(12))])
    }),
  'activity-map': (rng) =>
    state(rng, (doc) => {
      const map = activityMap(doc)
      map.setActivity(rng.text(8), rng.text(20))
      const lane = map.addLane({ subject: 'Kimia', texts: { tasks: rng.text(10) } })
      map.link(lane, lane, rng.text(4))
    }),
  'catatan-as-map': (rng) => state(rng, (doc) => doc.getMap('catatan').set(rng.text(3), rng.int(9))),
  'catatan-as-array': (rng) => state(rng, (doc) => doc.getArray('catatan').insert(0, [rng.int(9), null])),
  'catatan-as-xml': (rng) =>
    state(rng, (doc) => doc.getXmlFragment('catatan').insert(0, [new Y.XmlElement('paragraph')])),
  'goals-as-text': (rng) => state(rng, (doc) => doc.getText('goals').insert(0, rng.text(6))),
  'goals-as-array': (rng) => state(rng, (doc) => doc.getArray('goals').insert(0, [null, rng.int(9)])),
  'lanes-as-array': (rng) => state(rng, (doc) => doc.getArray('lanes').insert(0, [rng.text(3)])),
  'odd-root-names': (rng) =>
    state(rng, (doc) => {
      const name = rng.pick(['__proto__', 'constructor', 'toString', '', 'x'.repeat(2000), '😀/..\\'])
      doc.getMap(name).set('polluted', true)
    }),
  subdocument: (rng) =>
    state(rng, (doc) => doc.getArray('fuzz-docs').insert(0, [new Y.Doc({ guid: `fuzz-${rng.int(1e9)}` })])),
}

/** Updates whose causes are never sent: the server must hold them back and store nothing of them. */
export const missingCauses: Record<string, (rng: Rng) => Uint8Array> = {
  'insert-after': (rng) =>
    updatesOf(rng, [
      (d) => d.getText('fuzz-gap').insert(0, 'a'),
      (d) => d.getText('fuzz-gap').insert(1, 'b'),
    ])[1] as Uint8Array,
  delete: (rng) =>
    updatesOf(rng, [
      (d) => d.getText('fuzz-gap').insert(0, 'abc'),
      (d) => d.getText('fuzz-gap').delete(0, 2),
    ])[1] as Uint8Array,
  nested: (rng) =>
    updatesOf(rng, [
      (d) => d.getMap('fuzz-gap-map').set('t', new Y.Text('x')),
      (d) => (d.getMap('fuzz-gap-map').get('t') as Y.Text).insert(1, 'y'),
    ])[1] as Uint8Array,
  large: (rng) =>
    updatesOf(rng, [
      (d) => d.getText('fuzz-gap').insert(0, 'a'),
      (d) => d.getText('fuzz-gap').insert(1, rng.text(4000)),
    ])[1] as Uint8Array,
}

/** One Yjs (v1) struct written by hand: `info` is the content ref with the origin / right origin / key bits. */
type Struct = Uint8Array
const id = (client: number, clock: number) => concat(varUint(client), varUint(clock))
const rootItem = (root: string, contentRef: number, content: Uint8Array): Struct =>
  concat(Uint8Array.of(contentRef), varUint(1), varString(root), content)
const gc = (length: number): Struct => concat(Uint8Array.of(0), varUint(length))
const update = (client: number, clock: number, structs: Struct[]): Uint8Array =>
  concat(varUint(1), varUint(structs.length), varUint(client), varUint(clock), ...structs, varUint(0))

/** Hand-made updates that decode but ask for what no client would: huge clocks, cycles, odd parents. */
export const craftedUpdates: Record<string, (rng: Rng) => Uint8Array> = {
  'huge-gc': (rng) => update(rng.clientId(), 0, [gc(Number.MAX_SAFE_INTEGER)]),
  'clock-overflow': (rng) =>
    update(rng.clientId(), 0, [gc(Number.MAX_SAFE_INTEGER - 1), rootItem('fuzz-edge', 4, varString('abcd'))]),
  'own-origin': (rng) => {
    const client = rng.clientId()
    return update(client, 0, [concat(Uint8Array.of(0x80 | 4), id(client, 0), varString('loop'))])
  },
  'parent-not-a-type': (rng) => {
    const client = rng.clientId()
    const child = concat(Uint8Array.of(4), varUint(0), id(client, 0), varString('child'))
    return update(client, 0, [rootItem('fuzz-edge', 4, varString('p')), child])
  },
  'key-on-text': (rng) => {
    const keyed = concat(Uint8Array.of(0x20 | 8), varUint(1), varString('fuzz-edge'), varString('key'))
    return update(rng.clientId(), 0, [
      rootItem('fuzz-edge', 4, varString('t')),
      concat(keyed, varUint(1), Uint8Array.of(126)),
    ])
  },
  'unknown-type-ref': (rng) => update(rng.clientId(), 0, [rootItem('fuzz-edge', 7, varUint(99))]),
  'unknown-content-ref': (rng) =>
    update(rng.clientId(), 0, [rootItem('fuzz-edge', rng.pick([11, 15, 31]), varUint(1))]),
  'json-content': (rng) =>
    update(rng.clientId(), 0, [
      rootItem('fuzz-edge', 2, concat(varUint(2), varString('undefined'), varString('{"a":'))),
    ]),
  'binary-content': (rng) => update(rng.clientId(), 0, [rootItem('fuzz-edge', 3, varBytes(rng.bytes(16)))]),
}
