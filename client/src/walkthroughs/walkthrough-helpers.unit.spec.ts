import type { WalkthroughView } from '@rembuk/domain'
import { describe, expect, it } from 'vitest'
import { describeWalkthroughEvent, type EventWords } from './describe-event.js'
import { walkthroughMessages } from './messages.js'
import { walkthroughActions } from './walkthrough-actions.js'

const view = (overrides: Partial<WalkthroughView>): WalkthroughView => ({
  walkthroughId: 'ob1',
  schoolId: 's',
  proposedBy: 'agus',
  observer: 'agus',
  observed: 'wati',
  className: 'XI IPS 2',
  lessonAt: '2026-04-07T09:00',
  focuses: ['engagement'],
  followsUp: null,
  proposedAt: '2026-04-01T00:00:00.000Z',
  status: 'proposed',
  awaiting: 'wati',
  otherTimes: [],
  cancellation: null,
  notes: [],
  conversation: [],
  reflections: [],
  reflectedBy: [],
  commitment: null,
  planCitations: [],
  relation: 'observer',
  ...overrides,
})

describe('what a member may do on a walkthrough', () => {
  it('lets the awaited colleague agree, and either of the pair move or cancel it', () => {
    expect(walkthroughActions(view({ relation: 'observed' }), 'wati')).toMatchObject({
      agree: true,
      proposeOtherTime: true,
      cancel: true,
      recordNote: false,
    })
    expect(walkthroughActions(view({}), 'agus')).toMatchObject({ agree: false, proposeOtherTime: true })
    expect(walkthroughActions(view({ relation: 'other' }), 'kartini')).toMatchObject({
      agree: false,
      proposeOtherTime: false,
      cancel: false,
    })
  })

  it('gives notes to the observer during the lesson and the commitment to the observed teacher after both reflections', () => {
    const agreed = view({ status: 'agreed', awaiting: null })
    expect(walkthroughActions(agreed, 'agus')).toMatchObject({ recordNote: true, completeObservation: false })
    expect(walkthroughActions({ ...agreed, relation: 'observed' }, 'wati').recordNote).toBe(false)
    const observed = view({ status: 'observed', awaiting: null, relation: 'observed', reflectedBy: ['wati'] })
    expect(walkthroughActions(observed, 'wati')).toMatchObject({
      converse: true,
      reflect: true,
      commit: false,
    })
    expect(walkthroughActions({ ...observed, reflectedBy: ['wati', 'agus'] }, 'wati').commit).toBe(true)
    expect(
      walkthroughActions({ ...observed, relation: 'observer', reflectedBy: ['wati', 'agus'] }, 'agus').commit,
    ).toBe(false)
    const followedUp = { ...observed, reflectedBy: ['wati', 'agus'], followedUpBy: ['w2'] }
    expect(walkthroughActions(followedUp, 'wati').commit).toBe(false)
  })
})

describe('a walkthrough event in words', () => {
  const messages = walkthroughMessages.id as unknown as Record<string, unknown>
  const lookup = (key: string): string =>
    key
      .split('.')
      .slice(1)
      .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages) as string
  const words: EventWords = {
    t: (key, params = {}) => lookup(key).replace(/\{(\w+)\}/g, (_, name) => String(params[name])),
    nameOf: (id) => ({ agus: 'Pak Agus', wati: 'Bu Wati' })[id] ?? id,
    planTitle: (id) => (id === 'p1' ? 'Rencana ekonomi' : id),
    when: (value) => value,
  }
  const event = (type: string, data: Record<string, unknown>) => ({
    type,
    data,
    actorId: 'agus',
    actorName: 'Pak Agus',
    at: '2026-04-07T02:00:00.000Z',
  })

  it('tells a note with its focus and minute, and says when it is private', () => {
    const data = { focus: 'engagement', minute: 12, text: 'Semua kelompok aktif', private: false }
    expect(describeWalkthroughEvent(event('ObservationNoteRecorded', data), words)).toBe(
      'Pak Agus mencatat (Keterlibatan siswa, menit ke-12): Semua kelompok aktif',
    )
    expect(
      describeWalkthroughEvent(event('ObservationNoteRecorded', { ...data, private: true }), words),
    ).toMatch(/^Pak Agus mencatat secara pribadi/)
  })

  it('tells a reflection without its text when the member may not read it', () => {
    expect(describeWalkthroughEvent(event('ReflectionWritten', { memberId: 'agus' }), words)).toBe(
      'Pak Agus menulis refleksi',
    )
    expect(
      describeWalkthroughEvent(event('ReflectionWritten', { memberId: 'agus', text: 'Saya belajar' }), words),
    ).toBe('Pak Agus menulis refleksi: Saya belajar')
    expect(describeWalkthroughEvent(event('FollowUpCitedInPlan', { planId: 'p1' }), words)).toBe(
      'Pak Agus mencatat tindak lanjut dalam rencana “Rencana ekonomi”',
    )
  })
})
