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

  it('renames a subject and its teacher, and sets the activity title, without touching the rest', () => {
    const doc = new Y.Doc()
    const map = activityMap(doc)
    map.setActivity('Membuat tape ketan', 'Fermentasi tiga hari')
    const lane = map.addLane({ subject: 'Kimia', teacher: 'Bu Sari' })
    map.setLaneField(lane, 'subject', 'Kimia (termokimia)')
    map.setLaneField(lane, 'teacher', 'Pak Budi')
    map.setActivityField('title', 'Tape ketan')
    const json = map.toJson()
    expect(json.lanes[0]).toMatchObject({ subject: 'Kimia (termokimia)', teacher: 'Pak Budi' })
    expect(json.activity).toEqual({ title: 'Tape ketan', description: 'Fermentasi tiga hari' })
  })

  it('writes nothing when a field or position is set to what it already is', () => {
    const doc = new Y.Doc()
    const map = activityMap(doc)
    const lane = map.addLane({ subject: 'Ekonomi', position: { x: 320, y: 0 } })
    let updates = 0
    doc.on('update', () => updates++)
    map.setLaneField(lane, 'subject', 'Ekonomi')
    map.moveLane(lane, { x: 320.2, y: -0.3 })
    expect(updates).toBe(0)
    map.moveLane(lane, { x: 400.6, y: 120 })
    expect(updates).toBe(1)
    expect(map.toJson().lanes[0]?.position).toEqual({ x: 401, y: 120 })
  })

  it('ignores changes to a lane that does not exist', () => {
    const doc = new Y.Doc()
    const map = activityMap(doc)
    map.moveLane('lane-gone', { x: 1, y: 1 })
    map.setLaneField('lane-gone', 'teacher', 'Bu Rina')
    expect(map.toJson().lanes).toEqual([])
  })

  it('moves a lane on one device and shows it moved on the other', () => {
    const sari = new Y.Doc()
    applyTemplate(sari, activityTemplates[0] as (typeof activityTemplates)[number])
    const budi = new Y.Doc()
    sync(sari, budi)
    const lane = activityMap(sari).toJson().lanes[0]?.id as string
    activityMap(sari).moveLane(lane, { x: -200, y: 900 })
    sync(sari, budi)
    expect(
      activityMap(budi)
        .toJson()
        .lanes.find((l) => l.id === lane)?.position,
    ).toEqual({ x: -200, y: 900 })
  })

  it('removes one link by its id and keeps the others', () => {
    const doc = new Y.Doc()
    applyTemplate(doc, activityTemplates[0] as (typeof activityTemplates)[number])
    const map = activityMap(doc)
    const [first, ...others] = map.toJson().links
    map.removeLink(first?.id as string)
    map.removeLink('link-that-is-not-there')
    expect(map.toJson().links).toEqual(others)
    expect(others).toHaveLength(3)
  })
})
