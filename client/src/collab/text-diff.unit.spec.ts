import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { diffText, shiftCaret, type TextDelta } from './text-diff.js'

const loneSurrogate = /\p{Cs}/u

function apply(before: string, after: string): string {
  const change = diffText(before, after)
  if (!change) return before
  return before.slice(0, change.index) + change.insert + before.slice(change.index + change.remove)
}

describe('diffText', () => {
  it('finds an insertion at the end and in the middle', () => {
    expect(diffText('tape ketan', 'tape ketan hitam')).toEqual({ index: 10, remove: 0, insert: ' hitam' })
    expect(diffText('tape ketan', 'tape beras ketan')).toEqual({ index: 5, remove: 0, insert: 'beras ' })
  })

  it('finds a deletion', () => {
    expect(diffText('ragi roti', 'ragi')).toEqual({ index: 4, remove: 5, insert: '' })
    expect(diffText('kukus dua jam', 'kukus jam')).toEqual({ index: 6, remove: 4, insert: '' })
  })

  it('finds a replacement in the middle', () => {
    expect(diffText('suhu 30 C', 'suhu 31 C')).toEqual({ index: 6, remove: 1, insert: '1' })
    expect(diffText('fermentasi 2 hari', 'fermentasi 36 jam')).toEqual({
      index: 11,
      remove: 6,
      insert: '36 jam',
    })
  })

  it('returns null when nothing changed', () => {
    expect(diffText('sama', 'sama')).toBeNull()
  })

  it('chooses the rightmost place in a run of equal letters', () => {
    expect(diffText('aaa', 'aaaa')).toEqual({ index: 3, remove: 0, insert: 'a' })
  })

  it('never splits a surrogate pair', () => {
    expect(diffText('nilai 😀', 'nilai 😃')).toEqual({ index: 6, remove: 2, insert: '😃' })
    expect(diffText('a😀b', 'ab')).toEqual({ index: 1, remove: 2, insert: '' })
    for (const [before, after] of [
      ['😀😀', '😀😃😀'],
      ['👍🏽', '👍🏿'],
      ['x', '🧪x'],
      ['ketan 🍚', 'ketan 🍚🍚'],
    ] as const) {
      expect(apply(before, after)).toBe(after)
      expect(diffText(before, after)?.insert).not.toMatch(loneSurrogate)
    }
  })

  it('turns one text into the other when applied to a Y.Text', () => {
    const doc = new Y.Doc()
    const text = doc.getText('catatan')
    for (const next of ['Rencana: tape', 'Rencana: tape ketan 🍚', 'Rencana: ketan hitam 🍚', '']) {
      const change = diffText(text.toString(), next)
      if (change) {
        text.delete(change.index, change.remove)
        text.insert(change.index, change.insert)
      }
      expect(text.toString()).toBe(next)
    }
  })
})

describe('shiftCaret', () => {
  const caret = 10

  it('keeps a caret that is before or at the change', () => {
    expect(shiftCaret(caret, [{ retain: 12 }, { insert: 'abc' }])).toBe(10)
    expect(shiftCaret(caret, [{ retain: 10 }, { insert: 'abc' }])).toBe(10)
    expect(shiftCaret(caret, [{ retain: 10 }, { delete: 3 }])).toBe(10)
  })

  it('shifts a caret by what is inserted or deleted before it', () => {
    expect(shiftCaret(caret, [{ retain: 2 }, { insert: 'abc' }])).toBe(13)
    expect(shiftCaret(caret, [{ retain: 2 }, { delete: 3 }])).toBe(7)
    expect(shiftCaret(caret, [{ insert: 'ab' }, { retain: 4 }, { delete: 1 }, { insert: 'xyz' }])).toBe(14)
  })

  it('puts a caret inside deleted text where the deletion was', () => {
    expect(shiftCaret(caret, [{ retain: 8 }, { delete: 5 }, { insert: 'Z' }])).toBe(8)
  })

  it('follows the delta of a real remote Y.Text change', () => {
    const local = new Y.Doc()
    const remote = new Y.Doc()
    local.getText('catatan').insert(0, 'Bahan: ketan, ragi, daun pisang')
    Y.applyUpdate(remote, Y.encodeStateAsUpdate(local))
    const caretAfterRagi = 'Bahan: ketan, ragi'.length
    let delta: TextDelta = []
    local.getText('catatan').observe((event) => {
      delta = event.delta
    })
    remote.transact(() => {
      remote.getText('catatan').insert(7, 'beras ')
      remote.getText('catatan').delete('Bahan: beras ketan, '.length, 'ragi, '.length)
    })
    Y.applyUpdate(local, Y.encodeStateAsUpdate(remote))
    const moved = shiftCaret(caretAfterRagi, delta)
    expect(local.getText('catatan').toString().slice(0, moved)).toBe('Bahan: beras ketan, ')
  })
})
