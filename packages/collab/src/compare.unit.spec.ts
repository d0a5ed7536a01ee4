import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { activityMap } from './activity-map.js'
import { activityTemplates, applyTemplate } from './activity-templates.js'
import { compareDocs } from './compare.js'
import { lessonPlan, startLessonPlan } from './lesson-plan.js'

const copyOf = (doc: Y.Doc) => {
  const copy = new Y.Doc()
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc))
  return copy
}

describe('compareDocs', () => {
  it('lists the plan fields that changed, with the words removed and added', () => {
    const before = new Y.Doc()
    startLessonPlan(before)
    ;(lessonPlan(before).part('goals').get(0) as Y.XmlElement).insert(0, [
      new Y.XmlText('Fermentasi tiga hari'),
    ])
    const after = copyOf(before)
    const text = (lessonPlan(after).part('goals').get(0) as Y.XmlElement).get(0) as Y.XmlText
    text.delete(11, 4)
    text.insert(11, 'dua')
    const comparison = compareDocs(before, after)
    expect(comparison).toEqual({
      kind: 'fields',
      fields: [
        {
          field: 'goals',
          before: 'Fermentasi tiga hari',
          after: 'Fermentasi dua hari',
          diff: [
            { op: 'same', text: 'Fermentasi ' },
            { op: 'removed', text: 'tiga' },
            { op: 'added', text: 'dua' },
            { op: 'same', text: ' hari' },
          ],
        },
      ],
    })
  })

  it('lists the lanes and links of a map that were added, removed or changed', () => {
    const before = new Y.Doc()
    const template = activityTemplates.find((t) => t.id === 'tape-ketan')
    if (!template) throw new Error('the tape ketan template exists')
    applyTemplate(before, template)
    const after = copyOf(before)
    const map = activityMap(after)
    const [maths, chemistry] = map.toJson().lanes
    if (!maths || !chemistry) throw new Error('the template has lanes')
    map.laneText(chemistry.id, 'schedule')?.insert(0, 'Senin')
    map.moveLane(maths.id, { x: 10, y: 900 })
    const geography = map.addLane({ subject: 'Geografi' })
    const link = map.link(geography, chemistry.id, 'iklim dan suhu')
    const removed = map.toJson().links[0]
    if (removed) map.removeLink(removed.id)

    const { map: changes } = compareDocs(before, after) as Extract<
      ReturnType<typeof compareDocs>,
      { kind: 'map' }
    >
    expect(changes.lanesAdded.map((lane) => lane.subject)).toEqual(['Geografi'])
    expect(changes.lanesRemoved).toEqual([])
    expect(
      changes.lanesChanged.map((lane) => [lane.subject, lane.moved, lane.fields.map((f) => f.field)]),
    ).toEqual([
      ['Kimia (termokimia)', false, ['schedule']],
      ['Matematika', true, []],
    ])
    expect(changes.linksAdded.map((l) => l.id)).toEqual([link])
    expect(changes.linksRemoved.map((l) => l.id)).toEqual([removed?.id])
    expect(changes.activity).toEqual([])
  })
})
