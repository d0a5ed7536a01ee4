import { describe, expect, it } from 'vitest'
import { condenseLines, diffLines } from './diff-lines.js'

describe('a word diff by paragraph', () => {
  it('cuts the parts at line breaks, keeping what each piece did', () => {
    expect(
      diffLines([
        { op: 'same', text: 'Siswa mengukur ' },
        { op: 'removed', text: 'suhu' },
        { op: 'added', text: 'kalor\nlalu' },
        { op: 'same', text: ' mencatat\n\nhasilnya' },
      ]),
    ).toEqual([
      [
        { op: 'same', text: 'Siswa mengukur ' },
        { op: 'removed', text: 'suhu' },
        { op: 'added', text: 'kalor' },
      ],
      [
        { op: 'added', text: 'lalu' },
        { op: 'same', text: ' mencatat' },
      ],
      [],
      [{ op: 'same', text: 'hasilnya' }],
    ])
  })

  it('keeps changed paragraphs and their neighbours, and hides long unchanged runs', () => {
    const same = (text: string) => [{ op: 'same' as const, text }]
    const lines = [
      same('1'),
      same('2'),
      same('3'),
      [{ op: 'added' as const, text: '4' }],
      same('5'),
      same('6'),
    ]
    expect(condenseLines(lines)).toEqual([
      { kind: 'gap', lines: 2 },
      { kind: 'line', parts: same('3') },
      { kind: 'line', parts: [{ op: 'added', text: '4' }] },
      { kind: 'line', parts: same('5') },
      { kind: 'line', parts: same('6') },
    ])
  })

  it('hides nothing when nothing changed in a short text', () => {
    expect(condenseLines([[{ op: 'same', text: 'a' }]])).toEqual([
      { kind: 'line', parts: [{ op: 'same', text: 'a' }] },
    ])
  })
})
