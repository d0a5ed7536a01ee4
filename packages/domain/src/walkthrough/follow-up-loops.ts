import type { Role } from '../school/roles.js'
import type { FollowUpCommitment, Walkthrough } from './walkthrough.js'

/** What closed a follow-up loop: a plan that cites it, or a later walkthrough that follows it up. */
export type FollowUpCitation =
  | { kind: 'plan'; planId: string }
  | { kind: 'walkthrough'; walkthroughId: string }

/** The loop a follow-up commitment opens: open until a plan or a later walkthrough cites it. */
export interface FollowUpLoop {
  walkthroughId: string
  observer: string
  observed: string
  className: string
  commitment: FollowUpCommitment
  status: 'open' | 'closed'
  /** Open past the day the commitment named. */
  overdue: boolean
  closedAt: string | null
  closedBy: FollowUpCitation | null
  /** Whole days from the commitment to the first citation. */
  daysToFollowUp: number | null
}

export interface FollowUpHub {
  open: FollowUpLoop[]
  overdue: FollowUpLoop[]
  closed: FollowUpLoop[]
  /** Over the closed loops, in days with one decimal; null while none is closed. */
  averageDaysToFollowUp: number | null
}

const day = 86_400_000

/** The loop of a walkthrough's commitment, given every walkthrough of the school; undefined without one. */
export function followUpLoop(
  walkthrough: Walkthrough,
  all: readonly Walkthrough[],
  today: string,
): FollowUpLoop | undefined {
  const { commitment } = walkthrough
  if (!commitment) return undefined
  const citations: { at: string; by: FollowUpCitation }[] = [
    ...walkthrough.planCitations.map(({ planId, citedAt }) => ({
      at: citedAt,
      by: { kind: 'plan' as const, planId },
    })),
    ...all
      .filter((later) => later.followsUp === walkthrough.walkthroughId && later.status !== 'cancelled')
      .map(({ walkthroughId, proposedAt }) => ({
        at: proposedAt,
        by: { kind: 'walkthrough' as const, walkthroughId },
      })),
  ]
  const first = citations.sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[0]
  const base = {
    walkthroughId: walkthrough.walkthroughId,
    observer: walkthrough.observer,
    observed: walkthrough.observed,
    className: walkthrough.className,
    commitment,
  }
  if (!first)
    return {
      ...base,
      status: 'open',
      overdue: commitment.by < today,
      closedAt: null,
      closedBy: null,
      daysToFollowUp: null,
    }
  const days = Math.max(0, (Date.parse(first.at) - Date.parse(commitment.committedAt)) / day)
  return {
    ...base,
    status: 'closed',
    overdue: false,
    closedAt: first.at,
    closedBy: first.by,
    daysToFollowUp: Math.round(days),
  }
}

/** The collaboration hub's view of follow-ups: open loops, overdue commitments, the average time to follow up. */
export function followUpHub(all: readonly Walkthrough[], today: string): FollowUpHub {
  const loops = all
    .map((walkthrough) => followUpLoop(walkthrough, all, today))
    .filter((loop): loop is FollowUpLoop => loop !== undefined)
  const closed = loops.filter((loop) => loop.status === 'closed')
  const open = loops.filter((loop) => loop.status === 'open')
  const spans = closed.map(
    (loop) => (Date.parse(loop.closedAt as string) - Date.parse(loop.commitment.committedAt)) / day,
  )
  const average =
    spans.length > 0 ? spans.reduce((sum, span) => sum + Math.max(0, span), 0) / spans.length : null
  return {
    open,
    overdue: open.filter((loop) => loop.overdue),
    closed,
    averageDaysToFollowUp: average === null ? null : Math.round(average * 10) / 10,
  }
}

/** The collaboration hub's follow-up view is for the principal and the coach. */
export function seesFollowUpHub(role: Role): boolean {
  return role === 'principal' || role === 'coach'
}
