import {
  type AgendaItem,
  type Decision,
  type DecisionEvent,
  type DecisionLink,
  type DecisionOutcome,
  type DecisionPosition,
  decisionEventDefinitions,
  evolveDecision,
  evolveMeeting,
  type Meeting,
  type MeetingEvent,
  type MeetingKind,
  meetingEventDefinitions,
  parseEventOf,
} from '@rembuk/domain'
import type { RecordedEvent } from '@rembuk/event-store'

export interface Person {
  memberId: string
  name: string
}

/** Something said at the meeting: a note, a mediation, a revisit's reason. */
export interface MinutesEntry {
  text: string
  by: Person
  at: string
}

export interface PositionMinutes extends Person {
  position: DecisionPosition
  reason: string
  changed: boolean
  /** The positions this member held before, oldest first. */
  earlier: { position: DecisionPosition; reason: string }[]
}

export interface OutcomeMinutes {
  outcome: DecisionOutcome
  optionId: string | null
  option: string | null
  rationale: string
  reviewDate: string | null
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
  positions: PositionMinutes[]
  mediations: MinutesEntry[]
  /** Every outcome recorded, oldest first; the last stands unless the decision was revisited after it. */
  outcomes: OutcomeMinutes[]
  revisits: MinutesEntry[]
  status: Decision['status']
}

export interface Minutes {
  meetingId: string
  school: string
  kind: MeetingKind
  title: string
  date: string
  closed: boolean
  chair: Person
  attendance: { present: Person[]; absent: Person[] }
  agenda: (AgendaItem & { notes: MinutesEntry[]; proposals: ProposalMinutes[] })[]
  /** Proposals raised in the meeting under no agenda item. */
  otherProposals: ProposalMinutes[]
}

export interface MinutesContext {
  schoolName: string
  nameOf(memberId: string): string | undefined
}

/** The minutes of a meeting, from its events and the events of the decisions raised in it, nothing else. */
export function buildMinutes(
  meetingEvents: readonly RecordedEvent[],
  decisionStreams: readonly (readonly RecordedEvent[])[],
  context: MinutesContext,
): Minutes {
  const person = (memberId: string): Person => ({ memberId, name: context.nameOf(memberId) ?? memberId })
  const entry = (event: RecordedEvent, text: string): MinutesEntry => ({
    text,
    by: {
      memberId: event.metadata.actorId,
      name: event.metadata.actorName ?? person(event.metadata.actorId).name,
    },
    at: event.created.toISOString(),
  })

  const parsedMeeting = meetingEvents.map((event) => ({
    recorded: event,
    event: parseEventOf(meetingEventDefinitions, event) as MeetingEvent,
  }))
  const meeting = parsedMeeting.reduce<Meeting | undefined>(
    (state, { event }) => evolveMeeting(state, event),
    undefined,
  )
  if (!meeting) throw new Error('A meeting without events has no minutes')
  const notes = parsedMeeting.flatMap(({ recorded, event }) =>
    event.type === 'MeetingNoteAdded'
      ? [{ agendaKey: event.data.agendaKey, ...entry(recorded, event.data.text) }]
      : [],
  )
  const proposals = decisionStreams.map((events) => proposalMinutes(events, person, entry))

  return {
    meetingId: meeting.meetingId,
    school: context.schoolName,
    kind: meeting.kind,
    title: meeting.title,
    date: meeting.date,
    closed: meeting.closed,
    chair: person(meeting.chair),
    attendance: {
      present: meeting.attendance.filter((a) => a.present).map((a) => person(a.memberId)),
      absent: meeting.attendance.filter((a) => !a.present).map((a) => person(a.memberId)),
    },
    agenda: meeting.agenda.map((item) => ({
      ...item,
      notes: notes.filter((note) => note.agendaKey === item.key).map(({ agendaKey: _, ...note }) => note),
      proposals: proposals
        .filter((proposal) => proposal.agendaKey === item.key)
        .map(({ agendaKey: _, ...p }) => p),
    })),
    otherProposals: proposals
      .filter((proposal) => proposal.agendaKey === null)
      .map(({ agendaKey: _, ...p }) => p),
  }
}

function proposalMinutes(
  events: readonly RecordedEvent[],
  person: (memberId: string) => Person,
  entry: (event: RecordedEvent, text: string) => MinutesEntry,
): ProposalMinutes & { agendaKey: string | null } {
  const parsed = events.map((recorded) => ({
    recorded,
    event: parseEventOf(decisionEventDefinitions, recorded) as DecisionEvent,
  }))
  const decision = parsed.reduce<Decision | undefined>(
    (state, { event }) => evolveDecision(state, event),
    undefined,
  )
  if (!decision) throw new Error('A decision without events has no minutes')
  const optionText = (optionId: string | undefined) =>
    decision.options.find((option) => option.optionId === optionId)?.text ?? null
  const mediations: MinutesEntry[] = []
  const outcomes: OutcomeMinutes[] = []
  const revisits: MinutesEntry[] = []
  for (const { recorded, event } of parsed) {
    if (event.type === 'MediationNoted') mediations.push(entry(recorded, event.data.text))
    if (event.type === 'DecisionRevisited') revisits.push(entry(recorded, event.data.reason))
    if (event.type === 'OutcomeRecorded') {
      const { by, at } = entry(recorded, '')
      outcomes.push({
        outcome: event.data.outcome,
        optionId: event.data.optionId ?? null,
        option: optionText(event.data.optionId),
        rationale: event.data.rationale,
        reviewDate: event.data.reviewDate ?? null,
        by,
        at,
      })
    }
  }
  return {
    decisionId: decision.decisionId,
    agendaKey: decision.agendaKey,
    title: decision.title,
    text: decision.text,
    proposedBy: person(decision.proposedBy),
    links: [...decision.links],
    options: [...decision.options],
    positions: decision.positions.map(({ memberId, position, reason }) => {
      const earlier = decision.earlierPositions
        .filter((held) => held.memberId === memberId)
        .map((held) => ({ position: held.position, reason: held.reason }))
      return { ...person(memberId), position, reason, changed: earlier.length > 0, earlier }
    }),
    mediations,
    outcomes,
    revisits,
    status: decision.status,
  }
}
