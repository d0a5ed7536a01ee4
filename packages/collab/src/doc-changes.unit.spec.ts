import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { activityMap } from './activity-map.js'
import { applyAndDescribe } from './doc-changes.js'
import { lessonPlan, startLessonPlan } from './lesson-plan.js'

/** Runs `change` on a copy of `doc` and answers the update it made. */
function updateOf(doc: Y.Doc, change: (copy: Y.Doc) => void): Uint8Array {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  const before = Y.encodeStateVector(copy)
  change(copy)
  return Y.encodeStateAsUpdate(copy, before)
}

describe('what a stored update changed', () => {
  it('names the plan field that was written', () => {
    const doc = new Y.Doc()
    startLessonPlan(doc)
    const update = updateOf(doc, (copy) => {
      const paragraph = lessonPlan(copy).part('assessment').get(0) as Y.XmlElement
      paragraph.insert(0, [new Y.XmlText('Rubrik presentasi')])
    })
    expect(applyAndDescribe(doc, update)).toEqual([['assessment']])
    expect(lessonPlan(doc).part('assessment').toString()).toContain('Rubrik presentasi')
  })

  it('names the lane and the field of an activity map, and the lanes added or removed', () => {
    const doc = new Y.Doc()
    const map = activityMap(doc)
    const kimia = map.addLane({ subject: 'Kimia' })
    const added = updateOf(doc, (copy) => {
      activityMap(copy).laneText(kimia, 'tasks')?.insert(0, 'Mengukur suhu')
    })
    expect(applyAndDescribe(doc, added)).toEqual([['lanes', kimia, 'tasks']])

    let biologi = ''
    const newLane = updateOf(doc, (copy) => {
      biologi = activityMap(copy).addLane({ subject: 'Biologi' })
    })
    expect(applyAndDescribe(doc, newLane)).toEqual([['lanes', biologi]])

    const moved = updateOf(doc, (copy) => activityMap(copy).moveLane(kimia, { x: 380, y: 0 }))
    expect(applyAndDescribe(doc, moved)).toEqual([['lanes', kimia, 'position']])
  })

  it('answers nothing for an update the document holds already', () => {
    const doc = new Y.Doc()
    doc.getText('catatan').insert(0, 'sama')
    expect(applyAndDescribe(doc, Y.encodeStateAsUpdate(doc))).toEqual([])
  })
})
