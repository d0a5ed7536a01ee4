import { CommandRefused } from '../errors.js'
import { can } from '../school/permissions.js'
import type { Role } from '../school/roles.js'
import { assertMembers, decideTeamChange, managesTeam, type TeamActor, teamDocumentAccess } from '../team.js'
import type { PlanEvent, PlanStep } from './plan-events.js'

export type PlanStatus = 'planning' | 'submitted' | 'changes-requested' | 'approved' | 'revising' | 'archived'

export interface Plan {
  planId: string
  schoolId: string
  docId: string
  title: string
  grade: string
  subjects: readonly string[]
  team: readonly string[]
  step: PlanStep
  status: PlanStatus
  feedback: readonly string[]
}

export type PlanState = Plan | undefined

/** Who gives the command, and what the school knows of the members it names. */
export type PlanActor = TeamActor

export type PlanCommand =
  | {
      type: 'CreatePlan'
      planId: string
      schoolId: string
      docId: string
      title: string
      grade: string
      subjects: string[]
      team?: string[]
    }
  | { type: 'AddTeamMember'; memberId: string }
  | { type: 'RemoveTeamMember'; memberId: string }
  | { type: 'MoveStep'; to: PlanStep }
  | { type: 'SubmitPlan'; note?: string }
  | { type: 'GiveFeedback'; feedback: string }
  | { type: 'ApprovePlan'; note?: string }
  | { type: 'StartRevision'; reason: string }
  | { type: 'ArchivePlan' }

type PlanEventData = {
  [E in PlanEvent as E['type']]: { type: E['type']; data: E['data'] }
}[PlanEvent['type']]

const editable: readonly PlanStatus[] = ['planning', 'changes-requested', 'revising']

export function evolvePlan(state: PlanState, event: PlanEventData): PlanState {
  if (event.type === 'PlanCreated') {
    return { ...event.data, step: 'competencies', status: 'planning', feedback: [] }
  }
  if (!state) return state
  switch (event.type) {
    case 'PlanTeamMemberAdded':
      return { ...state, team: [...state.team, event.data.memberId] }
    case 'PlanTeamMemberRemoved':
      return { ...state, team: state.team.filter((id) => id !== event.data.memberId) }
    case 'PlanStepMoved':
      return { ...state, step: event.data.to }
    case 'PlanSubmitted':
      return { ...state, status: 'submitted' }
    case 'PlanFeedbackGiven':
      return { ...state, status: 'changes-requested', feedback: [...state.feedback, event.data.feedback] }
    case 'PlanApproved':
      return { ...state, status: 'approved' }
    case 'PlanRevisionStarted':
      return { ...state, status: 'revising' }
    case 'PlanArchived':
      return { ...state, status: 'archived' }
  }
}

/** The events a command on a joint plan leads to, or CommandRefused with the reason. */
export function decidePlan(command: PlanCommand, state: PlanState, actor: PlanActor): PlanEventData[] {
  if (command.type === 'CreatePlan') {
    if (state) throw new CommandRefused('conflict', 'This plan exists already')
    if (!can(actor.role, 'create', 'plan')) throw refuse(`A ${actor.role} may not start a plan`)
    const team = [...new Set([actor.memberId, ...(command.team ?? [])])]
    assertMembers(team, actor)
    const { type: _, ...data } = command
    return [{ type: 'PlanCreated', data: { ...data, team } }]
  }
  if (!state) throw new CommandRefused('not_found', 'No such plan')
  if (state.status === 'archived') throw new CommandRefused('conflict', 'The plan is archived')
  const teamManager = managesTeam(state.team, actor, 'plan')
  switch (command.type) {
    case 'AddTeamMember': {
      const change = decideTeamChange(state.team, actor, 'plan', { add: command.memberId })
      return change ? [{ type: 'PlanTeamMemberAdded', data: { memberId: command.memberId } }] : []
    }
    case 'RemoveTeamMember': {
      const change = decideTeamChange(state.team, actor, 'plan', { remove: command.memberId })
      return change ? [{ type: 'PlanTeamMemberRemoved', data: { memberId: command.memberId } }] : []
    }
    case 'MoveStep':
      if (!teamManager) throw refuse('Only the plan team moves through the steps')
      assertStatus(state, editable, 'move through the steps')
      if (state.step === command.to) return []
      return [{ type: 'PlanStepMoved', data: { from: state.step, to: command.to } }]
    case 'SubmitPlan':
      if (!teamManager) throw refuse('Only the plan team submits the plan')
      assertStatus(state, editable, 'be submitted')
      return [{ type: 'PlanSubmitted', data: command.note ? { note: command.note } : {} }]
    case 'GiveFeedback':
      if (!can(actor.role, 'review', 'plan')) throw refuse('Only the principal reviews plans')
      assertStatus(state, ['submitted'], 'get feedback')
      return [{ type: 'PlanFeedbackGiven', data: { feedback: command.feedback } }]
    case 'ApprovePlan':
      if (!can(actor.role, 'review', 'plan')) throw refuse('Only the principal approves plans')
      assertStatus(state, ['submitted'], 'be approved')
      return [{ type: 'PlanApproved', data: command.note ? { note: command.note } : {} }]
    case 'StartRevision':
      if (!teamManager) throw refuse('Only the plan team revises the plan')
      assertStatus(state, ['approved'], 'be revised')
      return [{ type: 'PlanRevisionStarted', data: { reason: command.reason } }]
    case 'ArchivePlan':
      if (actor.role !== 'principal' && !teamManager)
        throw refuse('Only the plan team or the principal archives it')
      return [{ type: 'PlanArchived', data: {} }]
  }
}

/**
 * What a member gets on the plan's live document: the team (and the principal) write while the plan is open
 * to changes (planning, changes requested, revising); everyone else of the school reads, and so does everyone
 * while the plan is submitted, approved or archived.
 */
export function planDocumentAccess(
  plan: Plan,
  member: { memberId: string; role: Role },
): 'none' | 'read' | 'write' {
  return teamDocumentAccess(plan.team, member, editable.includes(plan.status))
}

function refuse(message: string): CommandRefused {
  return new CommandRefused('forbidden', message)
}

function assertStatus(plan: Plan, allowed: readonly PlanStatus[], what: string): void {
  if (!allowed.includes(plan.status))
    throw new CommandRefused('conflict', `A ${plan.status} plan cannot ${what}`)
}
