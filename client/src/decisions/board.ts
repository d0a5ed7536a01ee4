import type { DecisionView, MeetingView } from './types.js'

export type StatusFilter = 'all' | 'open' | 'decided'

/** Open decisions first, then decided ones, each newest first; narrowed to one status when asked. */
export function orderDecisions(decisions: readonly DecisionView[], filter: StatusFilter): DecisionView[] {
  const newestFirst = (a: DecisionView, b: DecisionView) => b.created.localeCompare(a.created)
  const open = decisions.filter((decision) => decision.status === 'open').sort(newestFirst)
  const decided = decisions.filter((decision) => decision.status === 'decided').sort(newestFirst)
  if (filter === 'open') return open
  if (filter === 'decided') return decided
  return [...open, ...decided]
}

/** Meetings from today on, soonest first; and earlier ones, latest first. */
export function splitMeetings(
  meetings: readonly MeetingView[],
  today: string,
): { upcoming: MeetingView[]; past: MeetingView[] } {
  return {
    upcoming: meetings.filter((m) => m.date >= today).sort((a, b) => a.date.localeCompare(b.date)),
    past: meetings.filter((m) => m.date < today).sort((a, b) => b.date.localeCompare(a.date)),
  }
}
