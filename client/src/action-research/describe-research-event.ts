import { cycleLabel } from './cycle-label.js'

/** One event of a study as the server lists it: what happened, who did it, when. */
export interface LoggedEventView {
  type: string
  actorId: string
  actorName: string
  at: string
  data: Record<string, unknown>
}

type Translate = (key: string, params?: Record<string, unknown>) => string

const text = (value: unknown): string => (typeof value === 'string' ? value : '')

/**
 * One event of a study in words: "Bu Kartini membuka Siklus I", "Bu Maya mencatat nilai Pra-siklus untuk
 * Bu Lisda: 40,5". A score this member may not see reads without whose it was.
 */
export function describeResearchEvent(
  event: LoggedEventView,
  t: Translate,
  nameOf: (memberId: string) => string,
): string {
  const actor = event.actorName || event.actorId
  const data = event.data
  const cycle = typeof data.cycleNo === 'number' ? cycleLabel(data.cycleNo, t) : ''
  const key = (name: string) => `research.events.${name}`
  switch (event.type) {
    case 'ResearchStarted':
      return t(key('started'), { actor, title: text(data.title) })
    case 'ResearchThresholdsSet':
      return t(key('thresholds'), { actor, cukup: Number(data.cukup), baik: Number(data.baik) })
    case 'CycleOpened':
      return t(key('opened'), { actor, cycle })
    case 'CycleStepRecorded': {
      const step = t(`research.steps.${text(data.step)}`)
      return t(data.done ? key('stepDone') : key('step'), { actor, cycle, step })
    }
    case 'ScoreRecorded':
      return typeof data.score === 'number'
        ? t(key('score'), { actor, cycle, teacher: nameOf(text(data.memberId)), score: data.score })
        : t(key('scoreHidden'), { actor, cycle })
    case 'DataStepRecorded': {
      const step = t(`research.dataSteps.${text(data.step)}`)
      return t(data.done ? key('dataDone') : key('dataUndone'), { actor, cycle, step })
    }
    default:
      return t(key('other'), { actor, type: event.type })
  }
}
