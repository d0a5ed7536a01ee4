import { describe, expect, it } from 'vitest'
import { diffWords } from './text-diff.js'

const rebuild = (parts: ReturnType<typeof diffWords>, side: 'before' | 'after') =>
  parts
    .filter((part) => part.op === 'same' || part.op === (side === 'before' ? 'removed' : 'added'))
    .map((part) => part.text)
    .join('')

describe('diffWords', () => {
  it('shows the words that changed between two versions', () => {
    expect(diffWords('Fermentasi selama tiga hari.', 'Fermentasi selama dua hari.')).toEqual([
      { op: 'same', text: 'Fermentasi selama ' },
      { op: 'removed', text: 'tiga' },
      { op: 'added', text: 'dua' },
      { op: 'same', text: ' hari.' },
    ])
  })

  it('handles texts that only grow or only shrink, and empty ones', () => {
    expect(diffWords('', 'Rubrik')).toEqual([{ op: 'added', text: 'Rubrik' }])
    expect(diffWords('Rubrik', '')).toEqual([{ op: 'removed', text: 'Rubrik' }])
    expect(diffWords('sama', 'sama')).toEqual([{ op: 'same', text: 'sama' }])
    expect(diffWords('', '')).toEqual([])
  })

  it('always rebuilds both texts from its parts', () => {
    let seed = 7
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31
      return seed / 2 ** 31
    }
    const words = ['ragi', 'beras', 'ketan', 'suhu', 'hari', '\n', 'tiga', 'dua']
    const text = () =>
      Array.from(
        { length: Math.floor(random() * 30) },
        () => words[Math.floor(random() * words.length)],
      ).join(' ')
    for (let round = 0; round < 200; round++) {
      const [before, after] = [text(), text()]
      const parts = diffWords(before, after)
      expect(rebuild(parts, 'before')).toBe(before)
      expect(rebuild(parts, 'after')).toBe(after)
    }
  })

  it('shows a long addition at the end as one addition, however long', () => {
    const early = 'Tujuan: menghitung susut berat.'
    const late = `${early}${' Siswa mengukur suhu setiap pagi.'.repeat(2000)}`
    expect(diffWords(early, late)).toEqual([
      { op: 'same', text: early },
      { op: 'added', text: late.slice(early.length) },
    ])
  })
})
