import type { NotificationView } from '@rembuk/domain'
import type { RecordedEvent } from '@rembuk/event-store'

/** Who hears of a plan event: the member added to a team, the principals of a submission, the team otherwise. */
export function notificationsFor(
  event: RecordedEvent,
  plan: { planId: string; title: string; team: readonly string[] },
  principals: readonly string[],
): { to: string[]; notification: NotificationView }[] {
  const base = {
    planId: plan.planId,
    title: plan.title,
    by: { memberId: event.metadata.actorId, name: event.metadata.actorName ?? null },
    at: event.created.toISOString(),
  }
  const others = (ids: Iterable<string>) => [...ids].filter((id) => id !== event.metadata.actorId)
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
