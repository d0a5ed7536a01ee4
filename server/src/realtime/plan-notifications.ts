import type { Plan, School } from '@rembuk/domain'
import type { RecordedEvent } from '@rembuk/event-store'

export type NotificationKind = 'team-added' | 'plan-submitted' | 'feedback-given' | 'plan-approved'

export interface Notification {
  kind: NotificationKind
  planId: string
  title: string
  by: { memberId: string; name: string | null }
  at: string
  /** The feedback itself, for `feedback-given`. */
  text?: string
}

/** Who hears of a plan event: the member added to a team, the principals of a submission, the team otherwise. */
export function notificationsFor(
  event: RecordedEvent,
  plan: Plan,
  school: School | undefined,
): { to: string[]; notification: Notification }[] {
  const base = {
    planId: plan.planId,
    title: plan.title,
    by: { memberId: event.metadata.actorId, name: event.metadata.actorName ?? null },
    at: event.created.toISOString(),
  }
  const others = (ids: Iterable<string>) => [...ids].filter((id) => id !== event.metadata.actorId)
  const principals = [...(school?.members.values() ?? [])]
    .filter((m) => m.role === 'principal')
    .map((m) => m.memberId)
  const data = event.data as { memberId?: string; feedback?: string }
  switch (event.type) {
    case 'PlanTeamMemberAdded':
      return [{ to: others([data.memberId as string]), notification: { ...base, kind: 'team-added' } }]
    case 'PlanSubmitted':
      return [{ to: others(principals), notification: { ...base, kind: 'plan-submitted' } }]
    case 'PlanFeedbackGiven':
      return [
        {
          to: others(plan.team),
          notification: { ...base, kind: 'feedback-given', text: data.feedback as string },
        },
      ]
    case 'PlanApproved':
      return [{ to: others(plan.team), notification: { ...base, kind: 'plan-approved' } }]
    default:
      return []
  }
}
