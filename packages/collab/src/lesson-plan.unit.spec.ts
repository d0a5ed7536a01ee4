import { planSteps } from '@rembuk/domain'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { docToJson } from './doc-json.js'
import {
  lessonPlan,
  lessonPlanRoots,
  lessonPlanText,
  plainText,
  startLessonPlan,
  stepNotesRoot,
} from './lesson-plan.js'

function paragraph(text: string, bold?: string): Y.XmlElement {
  const element = new Y.XmlElement('paragraph')
  const content = new Y.XmlText()
  content.insert(0, text)
  if (bold) content.insert(text.length, bold, { bold: true })
  element.insert(0, [content])
  return element
}

describe('lesson plan document', () => {
  it('has one rich-text root per part and per step', () => {
    expect(lessonPlanRoots).toEqual([
      'goals',
      'activities',
      'assessment',
      ...planSteps.map((step) => `step-${step}`),
    ])
    expect(stepNotesRoot('teaching-and-revision')).toBe('step-teaching-and-revision')
  })

  it('reads back as plain text, a line per paragraph, whoever wrote it', () => {
    const guru = new Y.Doc()
    const plan = lessonPlan(guru)
    plan
      .part('goals')
      .insert(0, [paragraph('Siswa menghitung ', 'persentase susut'), paragraph('Siswa menjelaskan ragi')])
    plan.stepNotes('indicators').insert(0, [paragraph('Selisih berat dihitung benar')])

    const rekan = new Y.Doc()
    Y.applyUpdate(rekan, Y.encodeStateAsUpdate(guru))
    const text = lessonPlanText(rekan)
    expect(text.parts).toEqual({
      goals: 'Siswa menghitung persentase susut\nSiswa menjelaskan ragi',
      activities: '',
      assessment: '',
    })
    expect(text.steps.indicators).toBe('Selisih berat dihitung benar')
    expect(text.steps.competencies).toBe('')
  })

  it('is what a generic reader of the document sees as xml roots', () => {
    const doc = new Y.Doc()
    lessonPlan(doc)
      .part('assessment')
      .insert(0, [paragraph('Presentasi hasil')])
    const loaded = new Y.Doc()
    Y.applyUpdate(loaded, Y.encodeStateAsUpdate(doc))
    expect(docToJson(loaded)).toEqual({
      kinds: { assessment: 'xml' },
      content: { assessment: '<paragraph>Presentasi hasil</paragraph>' },
    })
    expect(plainText(loaded.getXmlFragment('assessment'))).toBe('Presentasi hasil')
  })

  it('starts every field of a new plan with one empty paragraph, and leaves written fields alone', () => {
    const doc = new Y.Doc()
    doc.getXmlFragment('goals').insert(0, [new Y.XmlText('Tujuan')])
    startLessonPlan(doc)
    for (const root of lessonPlanRoots.filter((r) => r !== 'goals')) {
      const children = doc.getXmlFragment(root).toArray()
      expect(children.map((c) => (c as Y.XmlElement).nodeName)).toEqual(['paragraph'])
    }
    expect(plainText(doc.getXmlFragment('goals'))).toBe('Tujuan')
    expect(lessonPlanText(doc).parts.assessment).toBe('')
  })
})
