import { lessonPlanPartLabels, lessonPlanParts, planStepLabels, stepNotesRoot } from '@rembuk/collab'
import { type DecisionLink, planSteps } from '@rembuk/domain'
import type { Words } from './words.js'

/** The plans, maps, lanes and learning groups a link can name, with the titles people know them by. */
export interface LinkTargets {
  plans: readonly { planId: string; docId: string; title: string }[]
  maps: readonly { mapId: string; docId: string; title: string }[]
  /** By map id: its lanes, once loaded. */
  lanes: ReadonlyMap<string, readonly { id: string; subject: string }[]>
  groups?: readonly { groupId: string; name: string }[]
}

export interface FieldChoice {
  field: string
  label: string
}

/** The fields of a plan a decision can be about: the three parts of the one-page plan, then each step's notes. */
export function planFieldChoices(words: Words): FieldChoice[] {
  return [
    ...lessonPlanParts.map((part) => ({ field: part, label: words.label(lessonPlanPartLabels[part]) })),
    ...planSteps.map((step) => ({
      field: stepNotesRoot(step),
      label: words.t('decisions.stepField', { step: words.label(planStepLabels[step]) }),
    })),
  ]
}

export function fieldLabel(field: string, words: Words): string {
  return planFieldChoices(words).find((choice) => choice.field === field)?.label ?? field
}

/** "Tape ketan — Asesmen", "Peta tape ketan — Kimia", "MGMP tape ketan". */
export function describeLink(link: DecisionLink, targets: LinkTargets, words: Words): string {
  if (link.kind === 'group')
    return (
      targets.groups?.find((group) => group.groupId === link.groupId)?.name ??
      words.t('groups.unknown', { id: link.groupId })
    )
  if (link.kind === 'plan' || link.kind === 'plan-field') {
    const plan =
      targets.plans.find((candidate) => candidate.planId === link.planId)?.title ??
      words.t('decisions.unknownPlan', { id: link.planId })
    if (link.kind === 'plan') return plan
    return words.t('decisions.linkPart', { owner: plan, part: fieldLabel(link.field, words) })
  }
  const map =
    targets.maps.find((candidate) => candidate.mapId === link.mapId)?.title ??
    words.t('decisions.unknownMap', { id: link.mapId })
  if (link.kind === 'map') return map
  const lane = targets.lanes.get(link.mapId)?.find((candidate) => candidate.id === link.laneId)
  return words.t('decisions.linkPart', {
    owner: map,
    part: lane?.subject || words.t('decisions.unknownLane'),
  })
}

/** The screen where the linked plan, map or group is open. */
export function linkRoute(link: DecisionLink): {
  name: 'plan' | 'map' | 'group'
  params: Record<string, string>
} {
  if (link.kind === 'group') return { name: 'group', params: { groupId: link.groupId } }
  return link.kind === 'plan' || link.kind === 'plan-field'
    ? { name: 'plan', params: { planId: link.planId } }
    : { name: 'map', params: { mapId: link.mapId } }
}

/** The title of a plan's or map's document, for a change recorded against it. */
export function docTitle(docId: string, targets: LinkTargets): string {
  return (
    targets.plans.find((plan) => plan.docId === docId)?.title ??
    targets.maps.find((map) => map.docId === docId)?.title ??
    docId
  )
}

export const sameLink = (a: DecisionLink, b: DecisionLink): boolean => JSON.stringify(a) === JSON.stringify(b)
