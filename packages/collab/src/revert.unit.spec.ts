import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { activityMap } from './activity-map.js'
import { activityTemplates, applyTemplate } from './activity-templates.js'
import { docToJson } from './doc-json.js'
import { lessonPlan, lessonPlanText, startLessonPlan } from './lesson-plan.js'
import { revertTo } from './revert.js'

const copyOf = (doc: Y.Doc) => {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

describe('revertTo', () => {
  it('brings a plan back to an earlier state with one more update, and a peer that applies it agrees', () => {
    const doc = new Y.Doc()
    startLessonPlan(doc)
    const goals = lessonPlan(doc).part('goals')
    ;(goals.get(0) as Y.XmlElement).insert(0, [new Y.XmlText('Fermentasi tiga hari')])
    const earlier = copyOf(doc)
    const more = new Y.XmlElement('paragraph')
    more.insert(0, [new Y.XmlText('Tambahan yang ditolak')])
    goals.push([more])
    lessonPlan(doc).part('assessment').delete(0, 1)

    const peer = copyOf(doc)
    const before = Y.encodeStateVector(doc)
    revertTo(doc, earlier)
    expect(lessonPlanText(doc)).toEqual(lessonPlanText(earlier))
    Y.applyUpdate(peer, Y.encodeStateAsUpdate(doc, before))
    expect(lessonPlanText(peer)).toEqual(lessonPlanText(earlier))
  })

  it('brings a map back: lanes, texts, positions and links, keeping the lanes that stayed', () => {
    const doc = new Y.Doc()
    const template = activityTemplates.find((t) => t.id === 'tape-ketan')
    if (!template) throw new Error('the tape ketan template exists')
    applyTemplate(doc, template)
    const earlier = copyOf(doc)
    const map = activityMap(doc)
    const [maths, chemistry] = map.toJson().lanes
    if (!maths || !chemistry) throw new Error('the template has lanes')
    map.laneText(maths.id, 'tasks')?.insert(0, 'Dihapus nanti: ')
    map.laneText(chemistry.id, 'schedule')?.insert(0, 'Senin')
    map.moveLane(maths.id, { x: 999, y: 999 })
    const geography = map.addLane({ subject: 'Geografi' })
    map.link(geography, maths.id, 'peta')
    map.setActivityField('title', 'Membuat tape ketan (dua hari)')
    const chemistryText = map.laneText(chemistry.id, 'schedule')

    revertTo(doc, earlier)
    expect(activityMap(doc).toJson()).toEqual(activityMap(earlier).toJson())
    expect(map.laneText(chemistry.id, 'schedule')).toBe(chemistryText)

    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    revertTo(doc, earlier)
    expect(updates).toEqual([])
  })

  it('changes nothing when the content is already the same', () => {
    const doc = new Y.Doc()
    doc.getText('catatan').insert(0, 'sama')
    const updates: Uint8Array[] = []
    doc.on('update', (update: Uint8Array) => updates.push(update))
    revertTo(doc, copyOf(doc))
    expect(updates).toEqual([])
    expect(docToJson(doc).content).toEqual({ catatan: 'sama' })
  })
})
