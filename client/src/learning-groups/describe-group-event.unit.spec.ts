import { describe, expect, it } from 'vitest'
import { id as idCore } from '../i18n/id.js'
import { practiceMessages } from '../i18n/practice-messages.js'
import { describeGroupEvent } from './describe-group-event.js'

const id = { ...idCore, ...practiceMessages('id') }

const lookup = (key: string): string => {
  let value: unknown = id
  for (const part of key.split('.')) value = (value as Record<string, unknown>)[part]
  return String(value)
}
const words = {
  t: (key: string, params: Record<string, unknown> = {}) =>
    lookup(key).replace(/\{(\w+)\}/g, (_, name: string) => String(params[name])),
  label: (text: { id: string }) => text.id,
}
const context = {
  nameOf: (memberId: string) => ({ sari: 'Bu Sari' })[memberId] ?? memberId,
  meetingDay: (meetingId: string) => (meetingId === 'gm1' ? '5 Maret 2026' : meetingId),
  day: (date: string) => `hari ${date}`,
}
const event = (type: string, data: Record<string, unknown>) => ({
  type,
  actorId: 'dedi',
  actorName: 'Pak Dedi',
  at: '2026-03-05T06:00:00Z',
  data,
})

describe('a group event in words', () => {
  it('names the people, the meeting day and whether someone came', () => {
    expect(
      describeGroupEvent(
        event('GroupAttendanceRecorded', { meetingId: 'gm1', memberId: 'sari', present: false }),
        words,
        context,
      ),
    ).toBe('Pak Dedi mencatat Bu Sari tidak hadir pada pertemuan 5 Maret 2026')
    expect(
      describeGroupEvent(
        event('GroupMeetingScheduled', { date: '2026-03-05', time: '13:30', topic: 'Rubrik' }),
        words,
        context,
      ),
    ).toBe('Pak Dedi menjadwalkan pertemuan hari 2026-03-05 pukul 13:30: Rubrik')
    expect(describeGroupEvent(event('GroupLeaderNamed', { memberId: 'sari' }), words, context)).toBe(
      'Pak Dedi menunjuk Bu Sari sebagai ketua',
    )
  })

  it('still says something of an event it does not know', () => {
    expect(describeGroupEvent(event('GroupRenamed', {}), words, context)).toBe('Pak Dedi: GroupRenamed')
  })
})
