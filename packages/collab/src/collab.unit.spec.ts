import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { docToJson } from './doc-json.js'
import { rebuildDoc } from './rebuild.js'
import { checkUpdate } from './update-check.js'

function recordUpdates(doc: Y.Doc): Uint8Array[] {
  const updates: Uint8Array[] = []
  doc.on('update', (update: Uint8Array) => updates.push(update))
  return updates
}

function richDoc(): Y.Doc {
  const doc = new Y.Doc()
  doc.getText('tujuan').insert(0, 'Siswa menghitung persentase berat tape ketan')
  doc.getMap('langkah').set('aktif', 3)
  doc.getArray<string>('mapel').push(['Matematika', 'Kimia', 'Ekonomi'])
  const fragment = doc.getXmlFragment('kegiatan')
  const paragraph = new Y.XmlElement('paragraph')
  paragraph.insert(0, [new Y.XmlText('Fermentasi tiga hari')])
  fragment.insert(0, [paragraph])
  doc.getText('kosong').insert(0, 'x')
  doc.getText('kosong').delete(0, 1)
  return doc
}

describe('docToJson', () => {
  it('returns every root of a document loaded from an update, with its inferred kind', () => {
    const loaded = new Y.Doc()
    Y.applyUpdate(loaded, Y.encodeStateAsUpdate(richDoc()))
    const json = docToJson(loaded)
    expect(json.kinds).toEqual({
      kegiatan: 'xml',
      kosong: 'empty',
      langkah: 'map',
      mapel: 'array',
      tujuan: 'text',
    })
    expect(json.content).toEqual({
      kegiatan: '<paragraph>Fermentasi tiga hari</paragraph>',
      kosong: null,
      langkah: { aktif: 3 },
      mapel: ['Matematika', 'Kimia', 'Ekonomi'],
      tujuan: 'Siswa menghitung persentase berat tape ketan',
    })
  })

  it('keeps roots that code has already typed', () => {
    const doc = richDoc()
    expect(docToJson(doc).content.tujuan).toBe('Siswa menghitung persentase berat tape ketan')
  })
})

describe('rebuildDoc', () => {
  it('gives the same document from a snapshot plus the tail as from every update, at every revision', () => {
    const author = new Y.Doc()
    const updates = recordUpdates(author)
    const text = author.getText('catatan')
    const statesAt: string[] = []
    for (let i = 0; i < 60; i++) {
      if (i % 7 === 6) text.delete(0, 2)
      else text.insert(text.length === 0 ? 0 : (i * 13) % text.length, `k${i}`)
      author.getMap('meta').set('langkah', i)
      statesAt.push(JSON.stringify(author.toJSON()))
    }
    expect(updates.length).toBeGreaterThanOrEqual(120)
    const snapshotEvery = 25
    for (let revision = 0; revision < updates.length; revision++) {
      const snapshotRevision = Math.floor((revision + 1) / snapshotEvery) * snapshotEvery - 1
      const snapshot =
        snapshotRevision >= 0
          ? Y.encodeStateAsUpdate(rebuildDoc(undefined, updates.slice(0, snapshotRevision + 1)))
          : undefined
      const fromSnapshot = rebuildDoc(snapshot, updates.slice(snapshotRevision + 1, revision + 1))
      const fromAll = rebuildDoc(undefined, updates.slice(0, revision + 1))
      expect(docToJson(fromSnapshot)).toEqual(docToJson(fromAll))
    }
    const final = rebuildDoc(undefined, updates)
    expect(
      JSON.stringify({ catatan: final.getText('catatan').toString(), meta: final.getMap('meta').toJSON() }),
    ).toBe(statesAt[statesAt.length - 1])
  })
})

describe('checkUpdate', () => {
  const valid = (() => {
    const doc = new Y.Doc()
    doc.getText('t').insert(0, 'halo bu guru')
    doc.getText('t').delete(0, 2)
    return Y.encodeStateAsUpdate(doc)
  })()

  it('accepts a real update', () => {
    expect(checkUpdate(valid, 1024)).toMatchObject({ ok: true })
  })

  it('refuses an update over the size limit', () => {
    expect(checkUpdate(valid, valid.byteLength - 1)).toMatchObject({ ok: false, problem: 'too-large' })
  })

  it('refuses every truncation of a real update', () => {
    for (let end = 0; end < valid.byteLength - 1; end++) {
      const result = checkUpdate(valid.subarray(0, end), 1024)
      expect(result, `truncated at ${end}`).toMatchObject({ ok: false, problem: 'malformed' })
    }
  })

  it('refuses bytes that are not an update', () => {
    expect(checkUpdate(new Uint8Array([1, 1, 200, 200, 200, 200, 200]), 1024)).toMatchObject({ ok: false })
    expect(checkUpdate(new TextEncoder().encode('{"not":"yjs"}'), 1024)).toMatchObject({ ok: false })
  })
})
