import type { Decision, DecisionLink, DecisionOutcome, DecisionPosition, Meeting } from '@rembuk/domain'

/** A decision as the server shows it: its state, with an id and when it was raised and last changed. */
export type DecisionView = Decision & { id: string; created: string; updated: string }

/** One event of a decision, with who did it and when; `data` is the event's own. */
export interface DecisionEventView {
  type: string
  actorId: string
  actorName: string
  at: string
  data: Record<string, unknown>
}

export type DecisionDetail = DecisionView & { events: DecisionEventView[] }

export type MeetingView = Meeting & { id: string; created: string; updated: string }

export type MeetingDetail = MeetingView & { decisions: DecisionView[] }

export interface Person {
  memberId: string
  name: string
}

export interface MinutesEntry {
  text: string
  by: Person
  at: string
}

export interface ProposalMinutes {
  decisionId: string
  title: string
  text: string
  proposedBy: Person
  links: DecisionLink[]
  options: { optionId: string; text: string }[]
  positions: (Person & {
    position: DecisionPosition
    reason: string
    earlier: { position: DecisionPosition; reason: string }[]
  })[]
  mediations: MinutesEntry[]
  outcomes: {
    outcome: DecisionOutcome
    option: string | null
    rationale: string
    reviewDate: string | null
    by: Person
    at: string
  }[]
  revisits: MinutesEntry[]
  status: Decision['status']
}

/** The minutes (Notulen) of a meeting, as `GET /api/meetings/:id/minutes` builds them. */
export interface MinutesView {
  meetingId: string
  school: string
  kind: Meeting['kind']
  title: string
  date: string
  closed: boolean
  chair: Person
  attendance: { present: Person[]; absent: Person[] }
  agenda: { key: string; title: string; notes: MinutesEntry[]; proposals: ProposalMinutes[] }[]
  otherProposals: ProposalMinutes[]
}
