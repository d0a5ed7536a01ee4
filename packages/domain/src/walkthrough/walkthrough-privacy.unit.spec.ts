import { describe, expect, it } from 'vitest'
import type { Walkthrough } from './walkthrough.js'
import { walkthroughEventsFor, walkthroughFor } from './walkthrough-privacy.js'

const walkthrough: Walkthrough = {
  walkthroughId: 'ob1',
  schoolId: 's',
  proposedBy: 'agus',
  observer: 'agus',
  observed: 'wati',
  className: 'XI IPS 2',
  lessonAt: '2026-04-07T09:00',
  focuses: ['engagement'],
  followsUp: null,
  proposedAt: '2026-04-01T03:00:00.000Z',
  status: 'committed',
  awaiting: null,
  otherTimes: [],
  cancellation: null,
  notes: [
    { noteId: 'n1', focus: 'engagement', minute: 10, text: 'Kelompok 1 menimbang', private: false },
    { noteId: 'n2', focus: 'engagement', minute: 14, text: 'Catatan pribadi Pak Agus', private: true },
  ],
  conversation: [{ noteId: 'c1', memberId: 'agus', text: 'Menit 10: semua aktif', question: 'Mengapa?' }],
  reflections: [
    { memberId: 'agus', text: 'Refleksi Agus' },
    { memberId: 'wati', text: 'Refleksi Wati' },
  ],
  commitment: { text: 'Harga pasar nyata', by: '2026-04-14', committedAt: '2026-04-08T05:00:00.000Z' },
  planCitations: [],
}
const events = [
  { type: 'WalkthroughProposed', data: { walkthroughId: 'ob1' } },
  { type: 'ObservationNoteRecorded', data: walkthrough.notes[0] },
  { type: 'ObservationNoteRecorded', data: walkthrough.notes[1] },
  { type: 'ConversationNoted', data: walkthrough.conversation[0] },
  { type: 'ReflectionWritten', data: walkthrough.reflections[1] },
  { type: 'FollowUpCommitted', data: walkthrough.commitment },
]

describe('what each member sees of a walkthrough', () => {
  it('shows the observer everything, their private notes included', () => {
    const view = walkthroughFor(walkthrough, 'agus')
    expect(view.relation).toBe('observer')
    expect(view.notes.map((note) => note.noteId)).toEqual(['n1', 'n2'])
    expect(walkthroughEventsFor(walkthrough, 'agus', events)).toHaveLength(6)
  })

  it('shows the observed teacher the shared notes, the conversation and both reflections, never a private note', () => {
    const view = walkthroughFor(walkthrough, 'wati')
    expect(view.notes.map((note) => note.noteId)).toEqual(['n1'])
    expect(view.conversation).toHaveLength(1)
    expect(view.reflections).toHaveLength(2)
    const seen = walkthroughEventsFor(walkthrough, 'wati', events)
    expect(seen.map((event) => event.type)).toEqual([
      'WalkthroughProposed',
      'ObservationNoteRecorded',
      'ConversationNoted',
      'ReflectionWritten',
      'FollowUpCommitted',
    ])
    expect(JSON.stringify(seen)).not.toContain('pribadi')
  })

  it('shows everyone else, the principal included, the progress, focuses and commitment without any note or reflection', () => {
    const view = walkthroughFor(walkthrough, 'kartini')
    expect(view).toMatchObject({
      relation: 'other',
      notes: [],
      conversation: [],
      reflections: [],
      reflectedBy: ['agus', 'wati'],
      focuses: ['engagement'],
      commitment: walkthrough.commitment,
    })
    const seen = walkthroughEventsFor(walkthrough, 'kartini', events)
    expect(seen.map((event) => event.type)).toEqual([
      'WalkthroughProposed',
      'ConversationNoted',
      'ReflectionWritten',
      'FollowUpCommitted',
    ])
    const text = JSON.stringify(seen)
    for (const hidden of ['pribadi', 'Kelompok 1', 'semua aktif', 'Refleksi Wati'])
      expect(text).not.toContain(hidden)
    expect(seen[2]?.data).toEqual({ memberId: 'wati' })
  })
})
