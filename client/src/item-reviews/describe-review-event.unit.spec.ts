import { describe, expect, it } from 'vitest'
import { en as enCore } from '../i18n/en.js'
import { id as idCore } from '../i18n/id.js'
import { practiceMessages } from '../i18n/practice-messages.js'
import { describeReviewEvent } from './describe-review-event.js'

const id = { ...idCore, ...practiceMessages('id') }
const en = { ...enCore, ...practiceMessages('en') }

const wordsIn = (messages: object) => ({
  t: (key: string, params: Record<string, unknown> = {}) => {
    let value: unknown = messages
    for (const part of key.split('.')) value = (value as Record<string, unknown>)[part]
    return String(value).replace(/\{(\w+)\}/g, (_, name: string) => String(params[name]))
  },
  label: (text: { id: string }) => text.id,
})
const context = { nameOf: (memberId: string) => memberId.toUpperCase(), numberOf: () => 2 }
const event = (type: string, data: Record<string, unknown>) => ({
  type,
  actorId: 'budi',
  actorName: 'Pak Budi',
  at: '2026-03-10T06:00:00Z',
  data,
})

describe('an item review event in words', () => {
  it('gives the item number and the status label in either language', () => {
    const status = event('ReviewItemStatusSet', { itemId: 'i2', status: 'revise' })
    expect(describeReviewEvent(status, wordsIn(id), context)).toBe('Pak Budi menandai soal 2: Perlu direvisi')
    expect(describeReviewEvent(status, wordsIn(en), context)).toBe('Pak Budi marked item 2: Needs revision')
    const comment = event('ReviewItemCommented', { itemId: 'i2', text: 'Kunci jawaban ganda.' })
    expect(describeReviewEvent(comment, wordsIn(id), context)).toBe(
      'Pak Budi mengomentari soal 2: Kunci jawaban ganda.',
    )
  })

  it('names the test when the review starts', () => {
    const started = event('ItemReviewStarted', { testName: 'PTS', subject: 'Biologi', className: 'XI' })
    expect(describeReviewEvent(started, wordsIn(id), context)).toBe(
      'Pak Budi memulai telaah soal PTS · Biologi XI',
    )
  })
})
