import { can, type Meeting, type Role, runsMeeting } from '@rembuk/domain'

export interface MeetingActions {
  /** Attendance, notes and closing: the chair or the principal, while the meeting is open. */
  run: boolean
  raiseProposal: boolean
}

export function meetingActions(
  meeting: Pick<Meeting, 'chair' | 'closed'>,
  member: { memberId: string; role: Role },
): MeetingActions {
  const open = !meeting.closed
  return {
    run: open && runsMeeting(meeting, { ...member, isMember: () => true }),
    raiseProposal: open && can(member.role, 'create', 'decision'),
  }
}
