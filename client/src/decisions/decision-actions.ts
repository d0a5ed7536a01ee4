import { can, type Decision, type Role } from '@rembuk/domain'

export interface DecisionActions {
  addOption: boolean
  comment: boolean
  takePosition: boolean
  mediate: boolean
  recordOutcome: boolean
  /** The member would record the outcome, but a block stands until the principal has mediated. */
  outcomeHeldByBlock: boolean
  revisit: boolean
  linkChange: boolean
}

type Member = { memberId: string; role: Role }

/** Which forms a member sees on a decision: the same rules the server decides by. */
export function decisionActions(
  decision: Decision,
  member: Member,
  meeting: { meetingId: string; chair: string } | null,
): DecisionActions {
  const open = decision.status === 'open'
  const principal = can(member.role, 'manage', 'decision')
  const chair = meeting?.meetingId === decision.meetingId && meeting.chair === member.memberId
  const decides = principal || chair
  const objected = decision.positions.some(({ position }) => position === 'disagree' || position === 'block')
  const blocked = decision.positions.some(({ position }) => position === 'block')
  const blockCleared = !blocked || (principal && decision.mediatedAfterLastBlock)
  return {
    addOption: open && can(member.role, 'create', 'decision'),
    comment: can(member.role, 'comment', 'decision'),
    takePosition: open && can(member.role, 'comment', 'decision'),
    mediate: open && principal && objected,
    recordOutcome: open && decides && blockCleared,
    outcomeHeldByBlock: open && decides && !blockCleared,
    revisit: !open && decides,
    linkChange: can(member.role, 'edit', 'plan') || can(member.role, 'edit', 'map'),
  }
}
