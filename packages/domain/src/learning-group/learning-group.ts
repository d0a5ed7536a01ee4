import { CommandRefused } from '../errors.js'
import { assertMembers, type TeamActor } from '../team.js'
import type { ActionPlan, GroupBasis, GroupEvent, GroupKind, GroupReport } from './group-events.js'

export interface GroupMeeting {
  meetingId: string
  date: string
  time: string
  place: string
  topic: string
  /** One entry per member, the latest recorded, in the order they were first recorded. */
  attendance: readonly { memberId: string; present: boolean }[]
  notes: readonly { noteId: string; memberId: string; text: string }[]
}

/** A teacher learning group (KKG, MGMP or the school's own), its action plan, meetings and monthly reports. */
export interface LearningGroup {
  groupId: string
  schoolId: string
  name: string
  kind: GroupKind
  basis: GroupBasis
  focus: string
  members: readonly string[]
  leader: string
  actionPlan: ActionPlan | null
  /** By date and time, the earliest first. */
  meetings: readonly GroupMeeting[]
  /** The latest report of each month, by month. */
  reports: readonly GroupReport[]
}

export type GroupState = LearningGroup | undefined

export type GroupCommand =
  | {
      type: 'FormGroup'
      groupId: string
      schoolId: string
      name: string
      kind: GroupKind
      basis: GroupBasis
      focus: string
      members: string[]
      leader: string
    }
  | { type: 'AddGroupMember'; memberId: string }
  | { type: 'RemoveGroupMember'; memberId: string }
  | { type: 'NameLeader'; memberId: string }
  | { type: 'SetActionPlan'; plan: ActionPlan }
  | {
      type: 'ScheduleGroupMeeting'
      meetingId: string
      date: string
      time: string
      place: string
      topic: string
    }
  | { type: 'RecordGroupAttendance'; meetingId: string; memberId: string; present: boolean }
  | { type: 'WriteGroupNote'; meetingId: string; noteId: string; text: string }
  | ({ type: 'SubmitGroupReport' } & GroupReport)

type GroupEventData = {
  [E in GroupEvent as E['type']]: { type: E['type']; data: E['data'] }
}[GroupEvent['type']]

const byTime = (a: GroupMeeting, b: GroupMeeting) =>
  `${a.date} ${a.time}`.localeCompare(`${b.date} ${b.time}`) || a.meetingId.localeCompare(b.meetingId)

function withMeeting(state: LearningGroup, meetingId: string, change: (m: GroupMeeting) => GroupMeeting) {
  return { ...state, meetings: state.meetings.map((m) => (m.meetingId === meetingId ? change(m) : m)) }
}

export function evolveGroup(state: GroupState, event: GroupEventData): GroupState {
  if (event.type === 'GroupFormed') return { ...event.data, actionPlan: null, meetings: [], reports: [] }
  if (!state) return state
  switch (event.type) {
    case 'GroupMemberJoined':
      return { ...state, members: [...state.members, event.data.memberId] }
    case 'GroupMemberLeft':
      return { ...state, members: state.members.filter((id) => id !== event.data.memberId) }
    case 'GroupLeaderNamed':
      return { ...state, leader: event.data.memberId }
    case 'GroupActionPlanSet':
      return { ...state, actionPlan: event.data }
    case 'GroupMeetingScheduled':
      return {
        ...state,
        meetings: [...state.meetings, { ...event.data, attendance: [], notes: [] }].sort(byTime),
      }
    case 'GroupAttendanceRecorded': {
      const { memberId, present } = event.data
      return withMeeting(state, event.data.meetingId, (meeting) => {
        const known = meeting.attendance.some((entry) => entry.memberId === memberId)
        const attendance = known
          ? meeting.attendance.map((entry) => (entry.memberId === memberId ? { memberId, present } : entry))
          : [...meeting.attendance, { memberId, present }]
        return { ...meeting, attendance }
      })
    }
    case 'GroupMeetingNoteWritten': {
      const { meetingId: _, ...note } = event.data
      return withMeeting(state, event.data.meetingId, (m) => ({ ...m, notes: [...m.notes, note] }))
    }
    case 'GroupReportSubmitted':
      return {
        ...state,
        reports: [...state.reports.filter((r) => r.month !== event.data.month), event.data].sort((a, b) =>
          a.month.localeCompare(b.month),
        ),
      }
  }
}

type Someone = Pick<TeamActor, 'memberId' | 'role'>

/** The principal forms the group and names its leader. */
const isPrincipal = (actor: Someone) => actor.role === 'principal'
/** The leader runs the plan, the schedule and the report; the principal may always step in. */
export const leadsGroup = (group: Pick<LearningGroup, 'leader'>, actor: Someone): boolean =>
  group.leader === actor.memberId || isPrincipal(actor)
/** Members keep the record of each meeting: who came, what was said. */
export const takesPartInGroup = (group: Pick<LearningGroup, 'members' | 'leader'>, actor: Someone) =>
  group.members.includes(actor.memberId) || leadsGroup(group, actor)

export function decideGroup(command: GroupCommand, state: GroupState, actor: TeamActor): GroupEventData[] {
  if (command.type === 'FormGroup') {
    if (state) throw new CommandRefused('conflict', 'This group exists already')
    if (!isPrincipal(actor)) throw refuse('Only the principal forms a learning group')
    const members = [...new Set([command.leader, ...command.members])]
    assertMembers(members, actor)
    const { type: _, ...data } = command
    return [{ type: 'GroupFormed', data: { ...data, members } }]
  }
  if (!state) throw new CommandRefused('not_found', 'No such group')
  switch (command.type) {
    case 'AddGroupMember':
      if (!isPrincipal(actor)) throw refuse('Only the principal changes who is in the group')
      assertMembers([command.memberId], actor)
      if (state.members.includes(command.memberId)) return []
      return [{ type: 'GroupMemberJoined', data: { memberId: command.memberId } }]
    case 'RemoveGroupMember':
      if (!isPrincipal(actor)) throw refuse('Only the principal changes who is in the group')
      if (!state.members.includes(command.memberId)) return []
      if (command.memberId === state.leader)
        throw new CommandRefused('conflict', 'Name another leader before the leader leaves the group')
      return [{ type: 'GroupMemberLeft', data: { memberId: command.memberId } }]
    case 'NameLeader':
      if (!isPrincipal(actor)) throw refuse('Only the principal names the leader')
      if (!state.members.includes(command.memberId))
        throw new CommandRefused('invalid', 'The leader is one of the group')
      if (state.leader === command.memberId) return []
      return [{ type: 'GroupLeaderNamed', data: { memberId: command.memberId } }]
    case 'SetActionPlan':
      if (!leadsGroup(state, actor)) throw refuse('Only the leader or the principal writes the action plan')
      if (!state.members.includes(command.plan.responsible))
        throw new CommandRefused('invalid', 'The person responsible is one of the group')
      for (const milestone of command.plan.milestones) {
        if (milestone.date < command.plan.start || milestone.date > command.plan.end)
          throw new CommandRefused('invalid', `The milestone on ${milestone.date} is outside the plan's time`)
      }
      return [{ type: 'GroupActionPlanSet', data: command.plan }]
    case 'ScheduleGroupMeeting': {
      if (!leadsGroup(state, actor)) throw refuse('Only the leader or the principal schedules meetings')
      if (state.meetings.some((m) => m.meetingId === command.meetingId))
        throw new CommandRefused('conflict', 'This meeting exists already')
      const { type: _, ...data } = command
      return [{ type: 'GroupMeetingScheduled', data }]
    }
    case 'RecordGroupAttendance': {
      if (!takesPartInGroup(state, actor)) throw refuse('Only the members of the group record attendance')
      const meeting = requireMeeting(state, command.meetingId)
      assertMembers([command.memberId], actor)
      if (!state.members.includes(command.memberId))
        throw new CommandRefused('invalid', 'Attendance is kept for the members of the group')
      const recorded = meeting.attendance.find((entry) => entry.memberId === command.memberId)
      if (recorded?.present === command.present) return []
      const { type: _, ...data } = command
      return [{ type: 'GroupAttendanceRecorded', data }]
    }
    case 'WriteGroupNote': {
      if (!takesPartInGroup(state, actor)) throw refuse('Only the members of the group write its notes')
      const meeting = requireMeeting(state, command.meetingId)
      if (meeting.notes.some((note) => note.noteId === command.noteId))
        throw new CommandRefused('conflict', 'This note exists already')
      const { meetingId, noteId, text } = command
      return [
        { type: 'GroupMeetingNoteWritten', data: { meetingId, noteId, memberId: actor.memberId, text } },
      ]
    }
    case 'SubmitGroupReport': {
      if (!leadsGroup(state, actor)) throw refuse('Only the leader or the principal reports to the forum')
      const { type: _, ...report } = command
      return [{ type: 'GroupReportSubmitted', data: report }]
    }
  }
}

function requireMeeting(group: LearningGroup, meetingId: string): GroupMeeting {
  const meeting = group.meetings.find((m) => m.meetingId === meetingId)
  if (!meeting) throw new CommandRefused('not_found', 'The group has no such meeting')
  return meeting
}

function refuse(message: string): CommandRefused {
  return new CommandRefused('forbidden', message)
}
