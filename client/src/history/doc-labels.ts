import {
  lessonPlanPartLabels,
  lessonPlanParts,
  planStepLabels,
  stepNotesRoot,
  teachingPrepLabel,
  teachingPrepRoot,
} from '@rembuk/collab'
import { type PlanStep, planSteps } from '@rembuk/domain'
import type { DocKind } from './doc-owner.js'

/** How labels reach the helpers: the interface's `t` and its picker for `{ id, en }` domain labels. */
export interface Words {
  t: (key: string, params?: Record<string, unknown>) => string
  label: (text: { id: string; en: string }) => string
}

/** The roots of a plan document in reading order: the three parts, then the notes of each of the six steps. */
export const planRoots: readonly string[] = [...lessonPlanParts, ...planSteps.map(stepNotesRoot)]

/** The roots of an activity map document. */
export const mapRoots: readonly string[] = ['activity', 'lanes', 'links']

/** The root of a team-teaching preparation document. */
export const teachingRoots: readonly string[] = [teachingPrepRoot]

/** The roots each kind of document always has; an item review's roots are its items (`item-<id>`). */
const rootsByKind: Record<DocKind, readonly string[]> = {
  plan: planRoots,
  map: mapRoots,
  teaching: teachingRoots,
  'item-review': [],
}

export const rootsOf = (kind: DocKind): readonly string[] => rootsByKind[kind]

const isPlanPart = (root: string): root is keyof typeof lessonPlanPartLabels => root in lessonPlanPartLabels

function stepOf(root: string): PlanStep | undefined {
  return planSteps.find((step) => stepNotesRoot(step) === root)
}

/** A root (and, for the activity, its field) as people name it: "Asesmen", "Judul kegiatan". */
export function partLabel(path: readonly string[], words: Words): string {
  const [root = '', field] = path
  if (isPlanPart(root)) return words.label(lessonPlanPartLabels[root])
  const step = stepOf(root)
  if (step) return words.t('replay.stepNotes', { step: words.label(planStepLabels[step]) })
  if (root === 'activity' && field === 'title') return words.t('map.activityTitle')
  if (root === 'activity' && field === 'description') return words.t('map.activityDescription')
  if (root === 'activity') return words.t('map.activity')
  if (root === 'lanes') return words.t('replay.lanes')
  if (root === 'links') return words.t('map.links')
  if (root === teachingPrepRoot) return words.label(teachingPrepLabel)
  if (root.startsWith('item-')) return words.t('itemReviews.itemText')
  return root
}

/** A root as the heading of its text: a step's notes go by the step's number and name. */
export function fieldTitle(root: string, words: Words): string {
  const step = stepOf(root)
  if (!step) return partLabel([root], words)
  return `${planSteps.indexOf(step) + 1}. ${words.label(planStepLabels[step])}`
}

const laneTextLabels: Record<string, string> = {
  competencies: 'map.fields.competencies',
  tasks: 'map.fields.tasks',
  indicators: 'map.fields.indicators',
  assessment: 'map.fields.assessment',
  schedule: 'map.fields.schedule',
  subject: 'map.subject',
  teacher: 'map.teacher',
  position: 'replay.position',
}

/** A lane's field as people name it: "Tugas siswa", "Guru". */
export function laneFieldLabel(field: string, words: Words): string {
  const key = laneTextLabels[field]
  return key ? words.t(key) : field
}

/** "a", "a dan b", "a, b dan c". */
export function joinWords(items: readonly string[], words: Words): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} ${words.t('replay.and')} ${items[items.length - 1]}`
}
