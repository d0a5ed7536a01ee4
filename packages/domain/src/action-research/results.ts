import type { Role } from '../school/roles.js'
import { type Research, type ResearchCycle, scoreVisibility } from './research.js'
import type { Thresholds } from './research-events.js'

export const categories = ['kurang', 'cukup', 'baik'] as const
export type Category = (typeof categories)[number]

export interface ScoreResult {
  memberId: string
  score: number
  /** Percent of the instrument's maximum, two decimals. */
  percent: number
  category: Category
}

export interface CycleResult {
  cycleNo: number
  /** Every teacher of the study has a score in this cycle. */
  complete: boolean
  /** The average percent over the teachers scored, two decimals (rounded half up); null when not shown. */
  average: number | null
  category: Category | null
  /** The scores this viewer may see. */
  scores: ScoreResult[]
}

export function categoryOf(percent: number, thresholds: Thresholds): Category {
  if (percent >= thresholds.baik) return 'baik'
  return percent >= thresholds.cukup ? 'cukup' : 'kurang'
}

/** Percent in hundredths, as an integer: counting in whole hundredths keeps 53.475 from becoming 53.47. */
function percentHundredths(score: number, maxScore: number): number {
  return Math.round((Math.round(score * 100) * 100) / maxScore)
}

/** Every score of a cycle and their average, as the principal sees them. */
export function cycleResult(research: Research, cycle: ResearchCycle): CycleResult {
  const { maxScore } = research.instrument
  const entries = research.teachers.flatMap((memberId) => {
    const score = cycle.scores[memberId]
    return score === undefined ? [] : [{ memberId, score, hundredths: percentHundredths(score, maxScore) }]
  })
  const average =
    entries.length === 0
      ? null
      : Math.round(entries.reduce((sum, entry) => sum + entry.hundredths, 0) / entries.length) / 100
  return {
    cycleNo: cycle.cycleNo,
    complete: entries.length === research.teachers.length,
    average,
    category: average === null ? null : categoryOf(average, research.thresholds),
    scores: entries.map(({ memberId, score, hundredths }) => ({
      memberId,
      score,
      percent: hundredths / 100,
      category: categoryOf(hundredths / 100, research.thresholds),
    })),
  }
}

export interface ResearchView extends Research {
  /** Whose individual scores this viewer sees. */
  visibility: 'all' | 'own' | 'none'
  results: CycleResult[]
}

/** Below this many teachers, an average is as good as the scores themselves. */
export const fewestTeachersForShownAverages = 3

/**
 * A study as one member may see it. Scores are shown to the scored teacher, the principal, the coaches and
 * the supervisor; everyone else sees averages, and those only once a cycle's scores are complete (so that a
 * single new score cannot be read off a changing average) and only for studies of at least three teachers
 * (one teacher's average is their score; with two, each can work out the other's).
 */
export function researchFor(research: Research, viewer: { memberId: string; role: Role }): ResearchView {
  const visibility = scoreVisibility(research, viewer)
  const sees = (memberId: string) =>
    visibility === 'all' || (visibility === 'own' && memberId === viewer.memberId)
  const results = research.cycles.map((cycle) => {
    const result = cycleResult(research, cycle)
    const hideAverage =
      visibility !== 'all' && (!result.complete || research.teachers.length < fewestTeachersForShownAverages)
    return {
      ...result,
      average: hideAverage ? null : result.average,
      category: hideAverage ? null : result.category,
      scores: result.scores.filter((entry) => sees(entry.memberId)),
    }
  })
  const cycles = research.cycles.map((cycle) => ({
    ...cycle,
    scores: Object.fromEntries(Object.entries(cycle.scores).filter(([memberId]) => sees(memberId))),
  }))
  return { ...research, cycles, visibility, results }
}
