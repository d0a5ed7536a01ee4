import { describe, expect, it } from 'vitest'
import { diffText, shiftCaret } from './text-diff.js'

function apply(before: string, after: string): string {
  const change = diffText(before, after)
  if (!change) return before
  return before.slice(0, change.index) + change.insert + before.slice(change.index + change.remove)
}

describe('diffText', () => {
  it('finds an insertion, a deletion and a replacement in the middle', () => {
    expect(diffText('tape ketan', 'tape ketan hitam')).toEqual({ index: 10, remove: 0, insert: ' hitam' })
    expect(diffText('ragi roti', 'ragi')).toEqual({ index: 4, remove: 5, insert: '' })
    expect(diffText('suhu 30 C', 'suhu 31 C')).toEqual({ index: 6, remove: 1, insert: '1' })
  })

  it('returns null when nothing changed', () => {
    expect(diffText('sama', 'sama')).toBeNull()
  })

  it('chooses the leftmost place in a run of equal letters', () => {
    expect(diffText('aaa', 'aaaa')).toEqual({ index: 3, remove: 0, insert: 'a' })
  })

  it('never splits a surrogate pair', () => {
    const change = diffText('nilai 😀', 'nilai 😃')
    expect(change).toEqual({ index: 6, remove: 2, insert: '😃' })
    for (const [before, after] of [
      ['😀😀', '😀😃😀'],
      ['a😀b', 'ab'],
      ['x', '🧪x'],
    ] as const) {
      expect(apply(before, after)).toBe(after)
    }
  })
})

describe('shiftCaret', () => {
  const change = { index: 5, remove: 2, insert: 'abc' }
  it('keeps a caret before the change, shifts one after it, and puts one inside at its end', () => {
    expect(shiftCaret(3, change)).toBe(3)
    expect(shiftCaret(10, change)).toBe(11)
    expect(shiftCaret(6, change)).toBe(8)
  })
})
