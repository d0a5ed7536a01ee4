import { CommandRefused } from '../errors.js'
import { can } from '../school/permissions.js'
import { assertMembers, type TeamActor } from '../team.js'
import { type AgendaItem, defaultAgendas, type MeetingEvent, type MeetingKind } from './meeting-events.js'

export interface Attendance {
  memberId: string
  present: boolean
}

export interface MeetingNote {
  agendaKey: string
  text: string
}

export interface Meeting {
  meetingId: string
  schoolId: string
  kind: MeetingKind
  title: string
  date: string
  chair: string
  agenda: readonly AgendaItem[]
  /** One entry per member, the latest recorded, in the order they were first recorded. */
  attendance: readonly Attendance[]
  notes: readonly MeetingNote[]
  closed: boolean
}

export type MeetingState = Meeting | undefined

export type MeetingCommand =
  | {
      type: 'ScheduleMeeting'
      meetingId: string
      schoolId: string
      kind: MeetingKind
      title: string
      date: string
      chair?: string
      agenda?: AgendaItem[]
    }
  | { type: 'RecordAttendance'; memberId: string; present: boolean }
  | { type: 'AddMeetingNote'; agendaKey: string; text: string }
  | { type: 'CloseMeeting' }

type MeetingEventData = {
  [E in MeetingEvent as E['type']]: { type: E['type']; data: E['data'] }
}[MeetingEvent['type']]

export function evolveMeeting(state: MeetingState, event: MeetingEventData): MeetingState {
  if (event.type === 'MeetingScheduled') return { ...event.data, attendance: [], notes: [], closed: false }
  if (!state) return state
  switch (event.type) {
    case 'AttendanceRecorded': {
      const known = state.attendance.some((entry) => entry.memberId === event.data.memberId)
      const attendance = known
        ? state.attendance.map((entry) => (entry.memberId === event.data.memberId ? event.data : entry))
        : [...state.attendance, event.data]
      return { ...state, attendance }
    }
    case 'MeetingNoteAdded':
      return { ...state, notes: [...state.notes, event.data] }
    case 'MeetingClosed':
      return { ...state, closed: true }
  }
}

/** The chair runs the meeting; the principal may always step in. */
export function runsMeeting(meeting: { chair: string }, actor: TeamActor): boolean {
  return meeting.chair === actor.memberId || can(actor.role, 'manage', 'decision')
}

/** The events a command on a meeting leads to, or CommandRefused with the reason. */
export function decideMeeting(
  command: MeetingCommand,
  state: MeetingState,
  actor: TeamActor,
): MeetingEventData[] {
  if (command.type === 'ScheduleMeeting') {
    if (state) throw new CommandRefused('conflict', 'This meeting exists already')
    if (!can(actor.role, 'create', 'decision'))
      throw new CommandRefused('forbidden', `A ${actor.role} may not schedule a meeting`)
    const chair = command.chair ?? actor.memberId
    assertMembers([chair], actor)
    const { type: _, agenda, ...data } = command
    return [
      {
        type: 'MeetingScheduled',
        data: { ...data, chair, agenda: agenda ?? defaultAgendas[command.kind].map((item) => ({ ...item })) },
      },
    ]
  }
  if (!state) throw new CommandRefused('not_found', 'No such meeting')
  if (state.closed) throw new CommandRefused('conflict', 'The meeting is closed')
  if (!runsMeeting(state, actor))
    throw new CommandRefused('forbidden', 'Only the chair or the principal runs the meeting')
  switch (command.type) {
    case 'RecordAttendance': {
      assertMembers([command.memberId], actor)
      const recorded = state.attendance.find((entry) => entry.memberId === command.memberId)
      if (recorded?.present === command.present) return []
      return [{ type: 'AttendanceRecorded', data: { memberId: command.memberId, present: command.present } }]
    }
    case 'AddMeetingNote':
      assertAgendaKey(state.agenda, command.agendaKey)
      return [{ type: 'MeetingNoteAdded', data: { agendaKey: command.agendaKey, text: command.text } }]
    case 'CloseMeeting':
      return [{ type: 'MeetingClosed', data: {} }]
  }
}

export function assertAgendaKey(agenda: readonly AgendaItem[], key: string): void {
  if (!agenda.some((item) => item.key === key))
    throw new CommandRefused('invalid', `The agenda has no item ${key}`)
}
