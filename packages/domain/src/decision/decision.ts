import { CommandRefused } from '../errors.js'
import { can } from '../school/permissions.js'
import type { TeamActor } from '../team.js'
import type { DecisionEvent, DecisionLink, DecisionOutcome, DecisionPosition } from './decision-events.js'
import type { Meeting } from './meeting.js'
import { assertAgendaKey } from './meeting.js'

export interface PositionEntry {
  memberId: string
  position: DecisionPosition
  reason: string
}

export interface RecordedOutcome {
  outcome: DecisionOutcome
  optionId?: string
  rationale: string
  reviewDate?: string
}

export interface LinkedChange {
  docId: string
  revision: number
  note: string
}

export interface Decision {
  decisionId: string
  schoolId: string
  proposedBy: string
  title: string
  text: string
  meetingId: string | null
  agendaKey: string | null
  links: readonly DecisionLink[]
  options: readonly { optionId: string; text: string }[]
  comments: readonly { commentId: string; memberId: string; text: string }[]
  /** Each member's latest position, in the order members first took one. */
  positions: readonly PositionEntry[]
  /** Every position a member later changed, oldest first. */
  earlierPositions: readonly PositionEntry[]
  mediations: readonly string[]
  /** Whether the principal noted a mediation after the latest block was taken. */
  mediatedAfterLastBlock: boolean
  status: 'open' | 'decided'
  /** The outcome that stands; null while open. */
  outcome: RecordedOutcome | null
  /** Outcomes set aside by a revisit, oldest first. */
  earlierOutcomes: readonly RecordedOutcome[]
  revisits: readonly string[]
  /** Document revisions made because of this decision. */
  changes: readonly LinkedChange[]
}

export type DecisionState = Decision | undefined

/** What a decision needs to know of the meeting it belongs to. */
export type DecisionMeeting = Pick<Meeting, 'meetingId' | 'chair' | 'agenda' | 'closed'>

export type DecisionCommand =
  | {
      type: 'RaiseProposal'
      decisionId: string
      schoolId: string
      title: string
      text: string
      meetingId?: string
      agendaKey?: string
      links?: DecisionLink[]
    }
  | { type: 'AddOption'; optionId: string; text: string }
  | { type: 'AddComment'; commentId: string; text: string }
  | { type: 'TakePosition'; position: DecisionPosition; reason: string }
  | { type: 'NoteMediation'; text: string }
  | {
      type: 'RecordOutcome'
      outcome: DecisionOutcome
      optionId?: string
      rationale: string
      reviewDate?: string
    }
  | { type: 'Revisit'; reason: string }
  | { type: 'LinkChange'; docId: string; revision: number; note: string }

type DecisionEventData = {
  [E in DecisionEvent as E['type']]: { type: E['type']; data: E['data'] }
}[DecisionEvent['type']]

export function evolveDecision(state: DecisionState, event: DecisionEventData): DecisionState {
  if (event.type === 'ProposalRaised') {
    return {
      ...event.data,
      options: [],
      comments: [],
      positions: [],
      earlierPositions: [],
      mediations: [],
      mediatedAfterLastBlock: false,
      status: 'open',
      outcome: null,
      earlierOutcomes: [],
      revisits: [],
      changes: [],
    }
  }
  if (!state) return state
  switch (event.type) {
    case 'OptionAdded':
      return { ...state, options: [...state.options, event.data] }
    case 'CommentAdded':
      return { ...state, comments: [...state.comments, event.data] }
    case 'PositionTaken': {
      const taken = event.data
      const earlier = state.positions.find((entry) => entry.memberId === taken.memberId)
      return {
        ...state,
        positions: earlier
          ? state.positions.map((entry) => (entry === earlier ? taken : entry))
          : [...state.positions, taken],
        earlierPositions: earlier ? [...state.earlierPositions, earlier] : state.earlierPositions,
        mediatedAfterLastBlock: taken.position === 'block' ? false : state.mediatedAfterLastBlock,
      }
    }
    case 'MediationNoted':
      return { ...state, mediations: [...state.mediations, event.data.text], mediatedAfterLastBlock: true }
    case 'OutcomeRecorded':
      return { ...state, status: 'decided', outcome: event.data }
    case 'DecisionRevisited':
      return {
        ...state,
        status: 'open',
        outcome: null,
        earlierOutcomes: state.outcome ? [...state.earlierOutcomes, state.outcome] : state.earlierOutcomes,
        revisits: [...state.revisits, event.data.reason],
      }
    case 'ChangeLinked':
      return { ...state, changes: [...state.changes, event.data] }
  }
}

/**
 * The events a command on a decision leads to, or CommandRefused with the reason. `meeting` is the meeting the
 * decision belongs to (or is to be raised in): its chair may record and revisit the outcome.
 */
export function decideDecision(
  command: DecisionCommand,
  state: DecisionState,
  actor: TeamActor,
  meeting?: DecisionMeeting,
): DecisionEventData[] {
  if (command.type === 'RaiseProposal') return raise(command, state, actor, meeting)
  if (!state) throw new CommandRefused('not_found', 'No such decision')
  const principal = can(actor.role, 'manage', 'decision')
  const chair =
    meeting !== undefined && meeting.meetingId === state.meetingId && meeting.chair === actor.memberId
  switch (command.type) {
    case 'AddOption':
      if (!can(actor.role, 'create', 'decision')) throw refuse(`A ${actor.role} may not add options`)
      assertOpen(state, 'takes no new options')
      if (state.options.some((option) => option.optionId === command.optionId))
        throw new CommandRefused('conflict', 'This option exists already')
      return [{ type: 'OptionAdded', data: { optionId: command.optionId, text: command.text } }]
    case 'AddComment':
      if (!can(actor.role, 'comment', 'decision')) throw refuse(`A ${actor.role} may not comment`)
      return [
        {
          type: 'CommentAdded',
          data: { commentId: command.commentId, memberId: actor.memberId, text: command.text },
        },
      ]
    case 'TakePosition': {
      if (!can(actor.role, 'comment', 'decision')) throw refuse(`A ${actor.role} may not take a position`)
      assertOpen(state, 'takes no more positions')
      if ((command.position === 'disagree' || command.position === 'block') && !command.reason.trim())
        throw new CommandRefused('invalid', `To ${command.position}, give a reason`)
      const current = state.positions.find((entry) => entry.memberId === actor.memberId)
      if (current?.position === command.position && current.reason === command.reason) return []
      return [
        {
          type: 'PositionTaken',
          data: { memberId: actor.memberId, position: command.position, reason: command.reason },
        },
      ]
    }
    case 'NoteMediation':
      if (!principal) throw refuse('Only the principal mediates')
      assertOpen(state, 'needs no mediation')
      if (!state.positions.some((entry) => entry.position === 'disagree' || entry.position === 'block'))
        throw new CommandRefused('conflict', 'Nobody disagrees or blocks: there is nothing to mediate')
      return [{ type: 'MediationNoted', data: { text: command.text } }]
    case 'RecordOutcome': {
      if (!principal && !chair) throw refuse("Only the principal or the meeting's chair records the outcome")
      assertOpen(state, 'has its outcome already; revisit it first')
      if (command.optionId && !state.options.some((option) => option.optionId === command.optionId))
        throw new CommandRefused('invalid', `The proposal has no option ${command.optionId}`)
      const blocked = state.positions.some((entry) => entry.position === 'block')
      if (blocked && !(principal && state.mediatedAfterLastBlock))
        throw new CommandRefused(
          'conflict',
          'A block stands: the principal mediates, then records the outcome',
        )
      const { outcome, optionId, rationale, reviewDate } = command
      return [
        {
          type: 'OutcomeRecorded',
          data: {
            outcome,
            rationale,
            ...(optionId ? { optionId } : {}),
            ...(reviewDate ? { reviewDate } : {}),
          },
        },
      ]
    }
    case 'Revisit':
      if (!principal && !chair) throw refuse("Only the principal or the meeting's chair revisits a decision")
      if (state.status !== 'decided') throw new CommandRefused('conflict', 'The decision is still open')
      return [{ type: 'DecisionRevisited', data: { reason: command.reason } }]
    case 'LinkChange': {
      if (!can(actor.role, 'edit', 'plan') && !can(actor.role, 'edit', 'map'))
        throw refuse(`A ${actor.role} makes no changes to plans or maps`)
      const known = state.changes.some(
        (change) => change.docId === command.docId && change.revision === command.revision,
      )
      if (known) return []
      const { docId, revision, note } = command
      return [{ type: 'ChangeLinked', data: { docId, revision, note } }]
    }
  }
}

function raise(
  command: Extract<DecisionCommand, { type: 'RaiseProposal' }>,
  state: DecisionState,
  actor: TeamActor,
  meeting: DecisionMeeting | undefined,
): DecisionEventData[] {
  if (state) throw new CommandRefused('conflict', 'This decision exists already')
  if (!can(actor.role, 'create', 'decision')) throw refuse(`A ${actor.role} may not raise a proposal`)
  if (command.agendaKey && !command.meetingId)
    throw new CommandRefused('invalid', 'An agenda item belongs to a meeting: name the meeting')
  if (command.meetingId) {
    if (meeting?.meetingId !== command.meetingId) throw new CommandRefused('not_found', 'No such meeting')
    if (meeting.closed) throw new CommandRefused('conflict', 'The meeting is closed')
    if (command.agendaKey) assertAgendaKey(meeting.agenda, command.agendaKey)
  }
  const links = [...new Map((command.links ?? []).map((link) => [JSON.stringify(link), link])).values()]
  return [
    {
      type: 'ProposalRaised',
      data: {
        decisionId: command.decisionId,
        schoolId: command.schoolId,
        proposedBy: actor.memberId,
        title: command.title,
        text: command.text,
        meetingId: command.meetingId ?? null,
        agendaKey: command.agendaKey ?? null,
        links,
      },
    },
  ]
}

function refuse(message: string): CommandRefused {
  return new CommandRefused('forbidden', message)
}

function assertOpen(decision: Decision, what: string): void {
  if (decision.status !== 'open') throw new CommandRefused('conflict', `A decided proposal ${what}`)
}
