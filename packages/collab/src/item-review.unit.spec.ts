import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { itemReviewDoc } from './item-review.js'

describe('item review document', () => {
  it('keeps each item in its own text, so two reviewers writing two items at once both keep their words', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    itemReviewDoc(a).itemText('i1').insert(0, 'Apa peran ragi pada tape?')
    itemReviewDoc(b).itemText('i2').insert(0, 'Mengapa suhu naik?')
    itemReviewDoc(b).itemText('i1').insert(0, '1. ')
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    const texts = itemReviewDoc(b).texts(['i1', 'i2', 'i3'])
    expect(texts.i2).toBe('Mengapa suhu naik?')
    expect(texts.i1).toContain('Apa peran ragi pada tape?')
    expect(texts.i1).toContain('1. ')
    expect(texts.i3).toBe('')
    expect(itemReviewDoc(a).texts(['i1'])).toEqual({ i1: texts.i1 })
  })
})
