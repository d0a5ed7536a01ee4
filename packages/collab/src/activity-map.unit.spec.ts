import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { activityMap } from './activity-map.js'
import { activityTemplates, applyTemplate } from './activity-templates.js'

function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)))
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)))
}

describe('activity map document', () => {
  it('reproduces the tape ketan example: six subjects around one activity, with their links', () => {
    const doc = new Y.Doc()
    const template = activityTemplates.find((t) => t.id === 'tape-ketan')
    if (!template) throw new Error('no tape ketan template')
    applyTemplate(doc, template)
    const map = activityMap(doc).toJson()
    expect(map.activity.title).toBe('Membuat tape ketan')
    expect(map.lanes.map((l) => l.subject)).toEqual([
      'Matematika',
      'Kimia (termokimia)',
      'Ekonomi',
      'Bahasa Indonesia',
      'Bahasa Inggris',
      'Biologi (bioteknologi)',
    ])
    expect(map.lanes[0]?.texts.tasks).toMatch(/selisih dan persentase/)
    expect(map.links).toHaveLength(4)
    const subjectOf = (id: string) => map.lanes.find((l) => l.id === id)?.subject
    expect(map.links.map((l) => [subjectOf(l.from), subjectOf(l.to)])).toContainEqual([
      'Ekonomi',
      'Matematika',
    ])
  })

  it('has at least two other activities of the guidebook', () => {
    expect(activityTemplates.map((t) => t.id)).toEqual(['tape-ketan', 'cek-kesehatan', 'kunjungan-pasar'])
    for (const template of activityTemplates) {
      const doc = new Y.Doc()
      applyTemplate(doc, template)
      const map = activityMap(doc).toJson()
      expect(map.lanes.length).toBe(template.lanes.length)
      expect(map.links.every((l) => map.lanes.some((lane) => lane.id === l.from))).toBe(true)
    }
  })

  it('merges what two teachers add to the same map at the same time', () => {
    const sari = new Y.Doc()
    applyTemplate(sari, activityTemplates[2] as (typeof activityTemplates)[number])
    const budi = new Y.Doc()
    sync(sari, budi)
    const laneOfSari = activityMap(sari).toJson().lanes[0]?.id as string
    activityMap(sari).laneText(laneOfSari, 'indicators')?.insert(0, 'Data lengkap. ')
    activityMap(budi).laneText(laneOfSari, 'indicators')?.insert(0, 'Diagram rapi. ')
    const newLane = activityMap(budi).addLane({ subject: 'Geografi', position: { x: 0, y: 600 } })
    sync(sari, budi)
    const [a, b] = [activityMap(sari).toJson(), activityMap(budi).toJson()]
    expect(a).toEqual(b)
    expect(a.lanes.map((l) => l.id)).toContain(newLane)
    expect(a.lanes.find((l) => l.id === laneOfSari)?.texts.indicators).toMatch(
      /Data lengkap\. |Diagram rapi\. /,
    )
    expect(a.lanes.find((l) => l.id === laneOfSari)?.texts.indicators.length).toBe(
      'Data lengkap. Diagram rapi. '.length,
    )
  })
})
