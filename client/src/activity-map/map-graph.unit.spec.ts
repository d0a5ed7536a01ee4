import { activityMap, activityTemplates, applyTemplate } from '@rembuk/collab'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { activityNodeId, mapGraph, nextLanePosition } from './map-graph.js'

function tapeKetan(): Y.Doc {
  const doc = new Y.Doc()
  const template = activityTemplates.find((t) => t.id === 'tape-ketan')
  if (!template) throw new Error('no tape ketan template')
  applyTemplate(doc, template)
  return doc
}

describe('map graph', () => {
  it('draws the tape ketan example: the activity, six lanes where the template put them, four links', () => {
    const graph = mapGraph(tapeKetan())
    expect(graph.activity.data).toEqual({
      title: 'Membuat tape ketan',
      description:
        'Siswa membuat tape ketan dari beras ketan dan ragi, lalu mengamati fermentasinya selama tiga hari.',
    })
    expect(graph.lanes.map((lane) => [lane.data.subject, lane.position])).toEqual([
      ['Matematika', { x: 0, y: 0 }],
      ['Kimia (termokimia)', { x: 380, y: 0 }],
      ['Ekonomi', { x: 760, y: 0 }],
      ['Bahasa Indonesia', { x: 0, y: 440 }],
      ['Bahasa Inggris', { x: 380, y: 440 }],
      ['Biologi (bioteknologi)', { x: 760, y: 440 }],
    ])
    const subjectOf = (id: string) => graph.lanes.find((lane) => lane.id === id)?.data.subject
    expect(graph.edges.map((edge) => [subjectOf(edge.source), subjectOf(edge.target), edge.label])).toEqual([
      ['Ekonomi', 'Matematika', 'biaya memakai berat bahan'],
      ['Biologi (bioteknologi)', 'Kimia (termokimia)', 'fermentasi menjelaskan perubahan suhu'],
      ['Bahasa Indonesia', 'Biologi (bioteknologi)', 'narasi memakai hasil pengamatan'],
      ['Bahasa Inggris', 'Bahasa Indonesia', 'versi bahasa Inggris dari narasi'],
    ])
  })

  it('puts the activity above the lanes, centred on them, and keeps it in place', () => {
    const { activity } = mapGraph(tapeKetan())
    expect(activity.id).toBe(activityNodeId)
    expect(activity.position).toEqual({ x: 380, y: -240 })
    expect(activity.draggable).toBe(false)
    expect(activity.connectable).toBe(false)
  })

  it('lets lanes be dragged only by their handle, so their fields stay editable', () => {
    const lanes = mapGraph(tapeKetan()).lanes
    expect(lanes.every((lane) => lane.type === 'lane' && lane.dragHandle === '.lane-handle')).toBe(true)
  })

  it('follows changes from the document: a moved lane, a renamed subject, a new link, a removed link', () => {
    const doc = tapeKetan()
    const map = activityMap(doc)
    const [maths, chemistry] = map.toJson().lanes
    if (!maths || !chemistry) throw new Error('tape ketan has lanes')
    map.moveLane(maths.id, { x: 0, y: 520 })
    map.setLaneField(chemistry.id, 'teacher', 'Bu Sari')
    map.removeLink(map.toJson().links[0]?.id as string)
    const added = map.link(maths.id, chemistry.id, 'suhu dihitung rata-ratanya')
    const graph = mapGraph(doc)
    expect(graph.lanes.find((lane) => lane.id === maths.id)?.position).toEqual({ x: 0, y: 520 })
    expect(graph.lanes.at(-1)?.id).toBe(maths.id)
    expect(graph.lanes.find((lane) => lane.id === chemistry.id)?.data).toEqual({
      subject: 'Kimia (termokimia)',
      teacher: 'Bu Sari',
    })
    expect(graph.edges).toHaveLength(4)
    expect(graph.edges.at(-1)).toMatchObject({
      id: added,
      source: maths.id,
      target: chemistry.id,
      label: 'suhu dihitung rata-ratanya',
    })
  })

  it('leaves out a link to a lane that is not in the document', () => {
    const doc = tapeKetan()
    const lane = activityMap(doc).toJson().lanes[0]?.id as string
    activityMap(doc).link(lane, 'lane-gone', 'menunggu')
    expect(mapGraph(doc).edges.map((edge) => edge.target)).not.toContain('lane-gone')
    expect(mapGraph(doc).edges).toHaveLength(4)
  })

  it('draws an empty map as the activity alone', () => {
    const graph = mapGraph(new Y.Doc())
    expect(graph.activity.data).toEqual({ title: '', description: '' })
    expect(graph.activity.position).toEqual({ x: 0, y: 0 })
    expect(graph.lanes).toEqual([])
    expect(graph.edges).toEqual([])
  })
})

describe('next lane position', () => {
  it('starts a new row below the lowest lane', () => {
    expect(nextLanePosition(mapGraph(tapeKetan()).lanes)).toEqual({ x: 0, y: 880 })
    expect(nextLanePosition([{ position: { x: 900, y: -100 } }])).toEqual({ x: 0, y: 340 })
  })

  it('puts the first lane at the origin', () => {
    expect(nextLanePosition([])).toEqual({ x: 0, y: 0 })
  })
})
