import { CommandRefused } from '../errors.js'
import { can } from '../school/permissions.js'
import type { Role } from '../school/roles.js'
import type { WalkthroughEvent, WalkthroughFocus } from './walkthrough-events.js'

export interface ObservationNote {
  noteId: string
  focus: WalkthroughFocus
  minute: number
  text: string
  private: boolean
}

export interface ConversationEntry {
  noteId: string
  memberId: string
  text: string
  question: string
}

export interface WalkthroughReflection {
  memberId: string
  text: string
}

export interface FollowUpCommitment {
  /** What the observed teacher will try in the next lesson. */
  text: string
  /** By when, YYYY-MM-DD. */
  by: string
  committedAt: string
}

export interface PlanCitation {
  planId: string
  note: string
  citedAt: string
}

export type WalkthroughStatus = 'proposed' | 'agreed' | 'observed' | 'committed' | 'cancelled'

/** A classroom walkthrough between colleagues: an agreement, an observation, a conversation, a follow-up. */
export interface Walkthrough {
  walkthroughId: string
  schoolId: string
  proposedBy: string
  observer: string
  observed: string
  className: string
  lessonAt: string
  focuses: readonly WalkthroughFocus[]
  followsUp: string | null
  proposedAt: string
  status: WalkthroughStatus
  /** Who is to accept the lesson time that stands; null once agreed. */
  awaiting: string | null
  /** Other times proposed before the agreement, oldest first. */
  otherTimes: readonly { memberId: string; lessonAt: string; note: string }[]
  cancellation: { memberId: string; reason: string } | null
  notes: readonly ObservationNote[]
  conversation: readonly ConversationEntry[]
  /** Each side's latest reflection. */
  reflections: readonly WalkthroughReflection[]
  commitment: FollowUpCommitment | null
  planCitations: readonly PlanCitation[]
}

export type WalkthroughState = Walkthrough | undefined

/** Who gives the command, and the role of each member the command names. */
export interface WalkthroughActor {
  memberId: string
  role: Role
  roleOf(memberId: string): Role | undefined
}

/** What a command needs to know beyond the walkthrough itself. */
export interface WalkthroughContext {
  /** The earlier walkthrough a proposal follows up. */
  earlier?: Walkthrough
  /** The plan a follow-up is cited in, with its team. */
  plan?: { planId: string; team: readonly string[] }
  /** Whether a later walkthrough follows this one up already. */
  followedUp?: boolean
}

export type WalkthroughCommand =
  | {
      type: 'ProposeWalkthrough'
      walkthroughId: string
      schoolId: string
      observer: string
      observed: string
      className: string
      lessonAt: string
      focuses: WalkthroughFocus[]
      followsUp?: string
      at: string
    }
  | { type: 'ProposeOtherTime'; lessonAt: string; note: string }
  | { type: 'AgreeWalkthrough' }
  | { type: 'CancelWalkthrough'; reason: string }
  | {
      type: 'RecordNote'
      noteId: string
      focus: WalkthroughFocus
      minute: number
      text: string
      private: boolean
    }
  | { type: 'CompleteObservation' }
  | { type: 'NoteConversation'; noteId: string; text: string; question: string }
  | { type: 'WriteReflection'; text: string }
  | { type: 'CommitFollowUp'; text: string; by: string; at: string }
  | { type: 'CiteInPlan'; planId: string; note: string; at: string }

export type WalkthroughEventData = {
  [E in WalkthroughEvent as E['type']]: { type: E['type']; data: E['data'] }
}[WalkthroughEvent['type']]

export function evolveWalkthrough(state: WalkthroughState, event: WalkthroughEventData): WalkthroughState {
  if (event.type === 'WalkthroughProposed') {
    const { data } = event
    return {
      ...data,
      status: 'proposed',
      awaiting: data.proposedBy === data.observer ? data.observed : data.observer,
      otherTimes: [],
      cancellation: null,
      notes: [],
      conversation: [],
      reflections: [],
      commitment: null,
      planCitations: [],
    }
  }
  if (!state) return state
  switch (event.type) {
    case 'WalkthroughTimeProposed': {
      const { memberId, lessonAt } = event.data
      return {
        ...state,
        lessonAt,
        awaiting: memberId === state.observer ? state.observed : state.observer,
        otherTimes: [...state.otherTimes, event.data],
      }
    }
    case 'WalkthroughAgreed':
      return { ...state, status: 'agreed', awaiting: null }
    case 'WalkthroughCancelled':
      return { ...state, status: 'cancelled', awaiting: null, cancellation: event.data }
    case 'ObservationNoteRecorded':
      return { ...state, notes: [...state.notes, event.data] }
    case 'ObservationCompleted':
      return { ...state, status: 'observed' }
    case 'ConversationNoted':
      return { ...state, conversation: [...state.conversation, event.data] }
    case 'ReflectionWritten':
      return {
        ...state,
        reflections: [...state.reflections.filter((r) => r.memberId !== event.data.memberId), event.data],
      }
    case 'FollowUpCommitted':
      return { ...state, status: 'committed', commitment: event.data }
    case 'FollowUpCitedInPlan':
      return { ...state, planCitations: [...state.planCitations, event.data] }
  }
}

/** The events a command on a walkthrough leads to, or CommandRefused with the reason. */
export function decideWalkthrough(
  command: WalkthroughCommand,
  state: WalkthroughState,
  actor: WalkthroughActor,
  context: WalkthroughContext = {},
): WalkthroughEventData[] {
  if (command.type === 'ProposeWalkthrough') return propose(command, state, actor, context)
  if (!state) throw new CommandRefused('not_found', 'No such walkthrough')
  const observer = actor.memberId === state.observer
  const observed = actor.memberId === state.observed
  if (!observer && !observed) throw forbidden('Only the two colleagues of this walkthrough take its steps')
  if (state.status === 'cancelled') throw new CommandRefused('conflict', 'The walkthrough was cancelled')
  switch (command.type) {
    case 'ProposeOtherTime':
      if (state.status !== 'proposed') throw conflict('The time is agreed already')
      return [
        {
          type: 'WalkthroughTimeProposed',
          data: { memberId: actor.memberId, lessonAt: command.lessonAt, note: command.note },
        },
      ]
    case 'AgreeWalkthrough':
      if (state.status !== 'proposed') throw conflict('The walkthrough is agreed already')
      if (state.awaiting !== actor.memberId)
        throw forbidden('Your colleague answers the time you proposed: wait for them to agree')
      return [{ type: 'WalkthroughAgreed', data: { memberId: actor.memberId } }]
    case 'CancelWalkthrough':
      if (state.status !== 'proposed' && state.status !== 'agreed')
        throw conflict('An observed lesson stays on record; it can no longer be cancelled')
      return [{ type: 'WalkthroughCancelled', data: { memberId: actor.memberId, reason: command.reason } }]
    case 'RecordNote': {
      if (!observer) throw forbidden('Only the observer writes observation notes')
      if (state.status !== 'agreed')
        throw conflict(
          state.status === 'proposed' ? 'Agree the walkthrough first' : 'The observation is complete',
        )
      if (!state.focuses.includes(command.focus))
        throw new CommandRefused('invalid', `The agreement does not include the focus ${command.focus}`)
      const { type: _, ...note } = command
      return [{ type: 'ObservationNoteRecorded', data: note }]
    }
    case 'CompleteObservation':
      if (!observer) throw forbidden('Only the observer completes the observation')
      if (state.status !== 'agreed') throw conflict('Only an agreed walkthrough under way can be completed')
      if (state.notes.length === 0) throw conflict('Record at least one note first')
      return [{ type: 'ObservationCompleted', data: {} }]
    case 'NoteConversation':
      assertObserved(state)
      return [
        {
          type: 'ConversationNoted',
          data: {
            noteId: command.noteId,
            memberId: actor.memberId,
            text: command.text,
            question: command.question,
          },
        },
      ]
    case 'WriteReflection':
      assertObserved(state)
      return [{ type: 'ReflectionWritten', data: { memberId: actor.memberId, text: command.text } }]
    case 'CommitFollowUp': {
      if (!observed) throw forbidden('Only the observed teacher writes the follow-up commitment')
      assertObserved(state)
      const missing = [state.observer, state.observed].filter(
        (id) => !state.reflections.some((reflection) => reflection.memberId === id),
      )
      if (missing.length > 0) throw conflict('Both colleagues reflect before the commitment is written')
      if (state.planCitations.length > 0 || context.followedUp)
        throw conflict('The follow-up was cited already; the commitment stays as it was')
      return [
        { type: 'FollowUpCommitted', data: { text: command.text, by: command.by, committedAt: command.at } },
      ]
    }
    case 'CiteInPlan': {
      if (!observed) throw forbidden('Only the observed teacher cites their follow-up in a plan')
      if (!state.commitment) throw conflict('There is no follow-up commitment to cite yet')
      if (context.plan?.planId !== command.planId) throw new CommandRefused('not_found', 'No such plan')
      if (!context.plan.team.includes(actor.memberId)) throw forbidden('Cite a plan whose team you are on')
      if (state.planCitations.some((citation) => citation.planId === command.planId)) return []
      return [
        {
          type: 'FollowUpCitedInPlan',
          data: { planId: command.planId, note: command.note, citedAt: command.at },
        },
      ]
    }
  }
}

/** Peer walkthroughs are between colleagues: teachers and coaches observe, a teacher is observed. */
export function mayObserve(role: Role | undefined): boolean {
  return role === 'teacher' || role === 'coach'
}

function propose(
  command: Extract<WalkthroughCommand, { type: 'ProposeWalkthrough' }>,
  state: WalkthroughState,
  actor: WalkthroughActor,
  context: WalkthroughContext,
): WalkthroughEventData[] {
  if (state) throw conflict('This walkthrough exists already')
  if (!can(actor.role, 'create', 'practice')) throw forbidden(`A ${actor.role} may not agree walkthroughs`)
  const { observer, observed } = command
  if (actor.memberId !== observer && actor.memberId !== observed)
    throw forbidden('Propose a walkthrough you take part in, as observer or as the observed teacher')
  if (observer === observed) throw new CommandRefused('invalid', 'A colleague observes someone else')
  if (!mayObserve(actor.roleOf(observer)))
    throw new CommandRefused(
      'invalid',
      'The observer is a teacher or a coach: a walkthrough between colleagues is not a performance review',
    )
  if (actor.roleOf(observed) !== 'teacher')
    throw new CommandRefused('invalid', 'The observed colleague is a teacher of this school')
  if (command.followsUp) {
    const earlier = context.earlier
    if (earlier?.walkthroughId !== command.followsUp)
      throw new CommandRefused('not_found', 'No such earlier walkthrough')
    if (earlier.observed !== observed)
      throw new CommandRefused('invalid', 'A follow-up observes the same teacher as the earlier walkthrough')
    if (!earlier.commitment) throw conflict('The earlier walkthrough has no follow-up commitment yet')
  }
  return [
    {
      type: 'WalkthroughProposed',
      data: {
        walkthroughId: command.walkthroughId,
        schoolId: command.schoolId,
        proposedBy: actor.memberId,
        observer,
        observed,
        className: command.className,
        lessonAt: command.lessonAt,
        focuses: command.focuses,
        followsUp: command.followsUp ?? null,
        proposedAt: command.at,
      },
    },
  ]
}

function assertObserved(state: Walkthrough): void {
  if (state.status !== 'observed' && state.status !== 'committed')
    throw conflict('The conversation comes after the observation is complete')
}

function forbidden(message: string): CommandRefused {
  return new CommandRefused('forbidden', message)
}

function conflict(message: string): CommandRefused {
  return new CommandRefused('conflict', message)
}
