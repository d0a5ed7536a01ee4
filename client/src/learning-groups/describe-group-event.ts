import type { DecisionEventView } from '../decisions/types.js'
import type { Words } from '../decisions/words.js'

export interface GroupEventContext {
  nameOf: (memberId: string) => string
  /** The day of a meeting of the group, as people write it. */
  meetingDay: (meetingId: string) => string
  day: (date: string) => string
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '')

/** One event of a group in words: "Pak Dedi mencatat Bu Sari hadir pada pertemuan 5 Maret 2026". */
export function describeGroupEvent(
  event: DecisionEventView,
  words: Words,
  context: GroupEventContext,
): string {
  const actor = event.actorName || event.actorId
  const data = event.data
  const say = (params: Record<string, unknown>) =>
    words.t(`groups.events.${event.type}`, { actor, ...params })
  switch (event.type) {
    case 'GroupFormed':
      return say({ name: text(data.name) })
    case 'GroupMemberJoined':
    case 'GroupMemberLeft':
    case 'GroupLeaderNamed':
      return say({ member: context.nameOf(text(data.memberId)) })
    case 'GroupActionPlanSet':
      return say({ purpose: text(data.purpose) })
    case 'GroupMeetingScheduled':
      return say({ date: context.day(text(data.date)), time: text(data.time), topic: text(data.topic) })
    case 'GroupAttendanceRecorded':
      return say({
        member: context.nameOf(text(data.memberId)),
        presence: words.t(data.present ? 'groups.events.present' : 'groups.events.absent'),
        date: context.meetingDay(text(data.meetingId)),
      })
    case 'GroupMeetingNoteWritten':
      return say({ date: context.meetingDay(text(data.meetingId)), text: text(data.text) })
    case 'GroupReportSubmitted':
      return say({ month: text(data.month) })
    default:
      return words.t('groups.events.other', { actor, type: event.type })
  }
}
