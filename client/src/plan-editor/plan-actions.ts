import { can, managesTeam, type Plan, type Role } from '@rembuk/domain'

export interface PlanActions {
  submit: boolean
  review: boolean
  revise: boolean
  moveStep: boolean
  archive: boolean
  formTeam: boolean
}

const open: readonly Plan['status'][] = ['planning', 'changes-requested', 'revising']

/** Which workflow buttons a member sees on a plan: the same rules the server decides by. */
export function planActions(plan: Plan, member: { memberId: string; role: Role }): PlanActions {
  const actor = { ...member, isMember: () => true }
  const onTeam = managesTeam(plan.team, actor, 'plan')
  const live = plan.status !== 'archived'
  return {
    submit: onTeam && open.includes(plan.status),
    review: can(member.role, 'review', 'plan') && plan.status === 'submitted',
    revise: onTeam && plan.status === 'approved',
    moveStep: onTeam && open.includes(plan.status),
    archive: live && (onTeam || member.role === 'principal'),
    formTeam: live && (onTeam || member.role === 'principal'),
  }
}
