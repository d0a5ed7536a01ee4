import { type PlanStep, planSteps } from '@rembuk/domain'
import * as Y from 'yjs'

/** The three parts of the one-page plan (RPP satu lembar). */
export const lessonPlanParts = ['goals', 'activities', 'assessment'] as const
export type LessonPlanPart = (typeof lessonPlanParts)[number]

/** Labels for the interface, Bahasa Indonesia first. */
export const lessonPlanPartLabels: Record<LessonPlanPart, { id: string; en: string }> = {
  goals: { id: 'Tujuan pembelajaran', en: 'Learning goals' },
  activities: { id: 'Kegiatan pembelajaran', en: 'Learning activities' },
  assessment: { id: 'Asesmen', en: 'Assessment' },
}

/** What each of the six joint-planning steps is about. */
export const planStepLabels: Record<PlanStep, { id: string; en: string }> = {
  competencies: { id: 'Kompetensi yang dibutuhkan siswa', en: 'Competencies students need' },
  indicators: { id: 'Indikator ketercapaian', en: 'Indicators of each competency' },
  activities: { id: 'Kegiatan nyata lintas mata pelajaran', en: 'Real-life activities across subjects' },
  assessment: { id: 'Cara menilai', en: 'How each competency is assessed' },
  consolidation: { id: 'Konsolidasi dengan kegiatan siswa', en: 'Consolidation with student activities' },
  'teaching-and-revision': { id: 'Mengajar bersama dan merevisi', en: 'Teaching together and revising' },
}

/** The root name of a step's notes. */
export const stepNotesRoot = (step: PlanStep): string => `step-${step}`

/** Every root of a lesson plan document: one rich-text fragment (Tiptap / ProseMirror) per part and per step. */
export const lessonPlanRoots: readonly string[] = [...lessonPlanParts, ...planSteps.map(stepNotesRoot)]

export interface LessonPlanDoc {
  part(part: LessonPlanPart): Y.XmlFragment
  stepNotes(step: PlanStep): Y.XmlFragment
}

/** Typed access to a joint plan's Yjs document, the same on the server and in the browser. */
export function lessonPlan(doc: Y.Doc): LessonPlanDoc {
  return {
    part: (part) => doc.getXmlFragment(part),
    stepNotes: (step) => doc.getXmlFragment(stepNotesRoot(step)),
  }
}

/**
 * Gives every empty field of a new plan the empty paragraph an editor would create, so that colleagues who
 * start typing into a fresh field at the same moment write into one paragraph instead of one each.
 */
export function startLessonPlan(doc: Y.Doc): void {
  doc.transact(() => {
    for (const root of lessonPlanRoots) {
      const fragment = doc.getXmlFragment(root)
      if (fragment.length === 0) fragment.insert(0, [new Y.XmlElement('paragraph')])
    }
  })
}

export interface LessonPlanText {
  parts: Record<LessonPlanPart, string>
  steps: Record<PlanStep, string>
}

/** The plan as plain text, paragraph by paragraph: for lists, minutes, search and diffs. */
export function lessonPlanText(doc: Y.Doc): LessonPlanText {
  const plan = lessonPlan(doc)
  return {
    parts: Object.fromEntries(lessonPlanParts.map((p) => [p, plainText(plan.part(p))])) as Record<
      LessonPlanPart,
      string
    >,
    steps: Object.fromEntries(planSteps.map((s) => [s, plainText(plan.stepNotes(s))])) as Record<
      PlanStep,
      string
    >,
  }
}

/** The text of a rich-text fragment, one line per block element. */
export function plainText(fragment: Y.XmlFragment | Y.XmlElement): string {
  const blocks: string[] = []
  for (const child of fragment.toArray()) {
    if (child instanceof Y.XmlText) blocks.push(textOf(child))
    else if (child instanceof Y.XmlElement) blocks.push(plainText(child))
  }
  return blocks.join('\n')
}

function textOf(text: Y.XmlText): string {
  return (text.toDelta() as { insert: unknown }[])
    .map((op) => (typeof op.insert === 'string' ? op.insert : ''))
    .join('')
}
