import { CommandRefused } from '../errors.js'
import type { Role } from '../school/roles.js'
import { assertMembers, type TeamActor } from '../team.js'
import type {
  CycleStep,
  DataCycleStep,
  DataKind,
  Evidence,
  Instrument,
  ResearchEvent,
  Thresholds,
} from './research-events.js'

/**
 * Defaults that reproduce the categories of the SDN Lulut 2 study: 50.50 is Kurang and 52.75 Cukup, 68.65 is
 * Cukup and 75.25 Baik.
 */
export const defaultThresholds: Thresholds = { cukup: 51, baik: 75 }

export interface StepEntry {
  text: string
  done: boolean
}

export interface DataStepEntry {
  done: boolean
  evidence: Evidence | null
  dataKind: DataKind | null
  note: string
}

export interface ResearchCycle {
  cycleNo: number
  steps: Partial<Record<CycleStep, StepEntry>>
  dataSteps: Partial<Record<DataCycleStep, DataStepEntry>>
  /** The latest score of each teacher scored in this cycle. */
  scores: Readonly<Record<string, number>>
}

export interface Research {
  researchId: string
  schoolId: string
  title: string
  focus: string
  instrument: Instrument
  teachers: readonly string[]
  thresholds: Thresholds
  cycles: readonly ResearchCycle[]
}

export type ResearchState = Research | undefined

export type ResearchCommand =
  | {
      type: 'StartResearch'
      researchId: string
      schoolId: string
      title: string
      focus: string
      instrument: Instrument
      teachers: string[]
      thresholds?: Thresholds
    }
  | { type: 'SetThresholds'; thresholds: Thresholds }
  | { type: 'OpenCycle' }
  | { type: 'RecordCycleStep'; cycleNo: number; step: CycleStep; text: string; done: boolean }
  | { type: 'RecordScores'; cycleNo: number; scores: { memberId: string; score: number }[] }
  | {
      type: 'RecordDataStep'
      cycleNo: number
      step: DataCycleStep
      done: boolean
      evidence: Evidence | null
      dataKind: DataKind | null
      note: string
    }

type ResearchEventData = {
  [E in ResearchEvent as E['type']]: { type: E['type']; data: E['data'] }
}[ResearchEvent['type']]

/** The principal and the coaches (the collaboration hub) run a study: they open cycles and enter scores. */
export function runsResearch(role: Role): boolean {
  return role === 'principal' || role === 'coach'
}

/** Whose individual scores a member sees: every teacher's, only their own, or none (averages only). */
export function scoreVisibility(
  research: Pick<Research, 'teachers'>,
  viewer: { memberId: string; role: Role },
): 'all' | 'own' | 'none' {
  if (viewer.role === 'principal' || viewer.role === 'coach' || viewer.role === 'supervisor') return 'all'
  if (viewer.role === 'teacher' && research.teachers.includes(viewer.memberId)) return 'own'
  return 'none'
}

const updateCycle = (
  state: Research,
  cycleNo: number,
  change: (cycle: ResearchCycle) => ResearchCycle,
): Research => ({
  ...state,
  cycles: state.cycles.map((cycle) => (cycle.cycleNo === cycleNo ? change(cycle) : cycle)),
})

export function evolveResearch(state: ResearchState, event: ResearchEventData): ResearchState {
  if (event.type === 'ResearchStarted') return { ...event.data, cycles: [] }
  if (!state) return state
  switch (event.type) {
    case 'ResearchThresholdsSet':
      return { ...state, thresholds: event.data }
    case 'CycleOpened':
      return {
        ...state,
        cycles: [...state.cycles, { cycleNo: event.data.cycleNo, steps: {}, dataSteps: {}, scores: {} }],
      }
    case 'CycleStepRecorded': {
      const { cycleNo, step, text, done } = event.data
      return updateCycle(state, cycleNo, (cycle) => ({
        ...cycle,
        steps: { ...cycle.steps, [step]: { text, done } },
      }))
    }
    case 'ScoreRecorded': {
      const { cycleNo, memberId, score } = event.data
      return updateCycle(state, cycleNo, (cycle) => ({
        ...cycle,
        scores: { ...cycle.scores, [memberId]: score },
      }))
    }
    case 'DataStepRecorded': {
      const { cycleNo, step, ...entry } = event.data
      return updateCycle(state, cycleNo, (cycle) => ({
        ...cycle,
        dataSteps: { ...cycle.dataSteps, [step]: entry },
      }))
    }
  }
}

export function decideResearch(
  command: ResearchCommand,
  state: ResearchState,
  actor: TeamActor,
): ResearchEventData[] {
  if (!runsResearch(actor.role))
    throw new CommandRefused('forbidden', 'Only the principal or a coach runs a school action research')
  if (command.type === 'StartResearch') {
    if (state) throw new CommandRefused('conflict', 'This study exists already')
    const teachers = [...new Set(command.teachers)]
    assertMembers(teachers, actor)
    const { type: _, thresholds, ...data } = command
    return [
      { type: 'ResearchStarted', data: { ...data, teachers, thresholds: thresholds ?? defaultThresholds } },
    ]
  }
  if (!state) throw new CommandRefused('not_found', 'No such study')
  switch (command.type) {
    case 'SetThresholds': {
      const { cukup, baik } = command.thresholds
      if (state.thresholds.cukup === cukup && state.thresholds.baik === baik) return []
      return [{ type: 'ResearchThresholdsSet', data: { cukup, baik } }]
    }
    case 'OpenCycle':
      return [{ type: 'CycleOpened', data: { cycleNo: state.cycles.length } }]
    case 'RecordCycleStep': {
      const cycle = requireCycle(state, command.cycleNo)
      const current = cycle.steps[command.step]
      if (current?.text === command.text && current.done === command.done) return []
      const { cycleNo, step, text, done } = command
      return [{ type: 'CycleStepRecorded', data: { cycleNo, step, text, done } }]
    }
    case 'RecordScores': {
      const cycle = requireCycle(state, command.cycleNo)
      const strangers = command.scores.filter((entry) => !state.teachers.includes(entry.memberId))
      if (strangers.length > 0)
        throw new CommandRefused(
          'invalid',
          `Not scored in this study: ${strangers.map((entry) => entry.memberId).join(', ')}`,
        )
      const over = command.scores.find((entry) => entry.score > state.instrument.maxScore)
      if (over)
        throw new CommandRefused(
          'invalid',
          `A score is at most ${state.instrument.maxScore} on ${state.instrument.name}`,
        )
      const latest = new Map(command.scores.map((entry) => [entry.memberId, entry.score]))
      return [...latest]
        .filter(([memberId, score]) => cycle.scores[memberId] !== score)
        .map(([memberId, score]) => ({
          type: 'ScoreRecorded' as const,
          data: { cycleNo: cycle.cycleNo, memberId, score },
        }))
    }
    case 'RecordDataStep': {
      const cycle = requireCycle(state, command.cycleNo)
      const { cycleNo, step, done, evidence, dataKind, note } = command
      const current = cycle.dataSteps[step]
      if (current && JSON.stringify(current) === JSON.stringify({ done, evidence, dataKind, note })) return []
      return [{ type: 'DataStepRecorded', data: { cycleNo, step, done, evidence, dataKind, note } }]
    }
  }
}

function requireCycle(state: Research, cycleNo: number): ResearchCycle {
  const cycle = state.cycles.find((entry) => entry.cycleNo === cycleNo)
  if (!cycle) throw new CommandRefused('not_found', `The study has no cycle ${cycleNo}`)
  return cycle
}
