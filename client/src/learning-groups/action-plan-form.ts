import type { ActionPlan } from '@rembuk/domain'

/** The action plan as a form holds it: lists as lines of text. */
export interface ActionPlanDraft {
  purpose: string
  processIndicators: string
  resultIndicators: string
  responsible: string
  start: string
  end: string
  milestones: string
  resources: string
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)

export function draftOf(plan: ActionPlan | null, fallbackResponsible: string): ActionPlanDraft {
  return {
    purpose: plan?.purpose ?? '',
    processIndicators: plan?.processIndicators.join('\n') ?? '',
    resultIndicators: plan?.resultIndicators.join('\n') ?? '',
    responsible: plan?.responsible ?? fallbackResponsible,
    start: plan?.start ?? '',
    end: plan?.end ?? '',
    milestones: plan?.milestones.map((m) => `${m.date} ${m.text}`).join('\n') ?? '',
    resources: plan?.resources ?? '',
  }
}

/** The plan to send; a milestone line that does not start with a date is kept whole, for the server to refuse. */
export function planOf(draft: ActionPlanDraft): ActionPlan {
  return {
    purpose: draft.purpose.trim(),
    processIndicators: lines(draft.processIndicators),
    resultIndicators: lines(draft.resultIndicators),
    responsible: draft.responsible,
    start: draft.start,
    end: draft.end,
    milestones: lines(draft.milestones).map((line) => {
      const [, date = line, text = ''] = /^(\S+)\s+(.*)$/.exec(line) ?? []
      return { date, text }
    }),
    resources: draft.resources.trim(),
  }
}
