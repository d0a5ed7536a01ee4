import { activityMap, activityTemplates, applyTemplate } from '@rembuk/collab'
import { describe, expect, it } from 'vitest'
import { effectScope } from 'vue'
import * as Y from 'yjs'
import { useMapGraph } from './use-map-graph.js'

function twoDevices() {
  const mine = new Y.Doc()
  applyTemplate(mine, activityTemplates[0] as (typeof activityTemplates)[number])
  const theirs = new Y.Doc()
  Y.applyUpdate(theirs, Y.encodeStateAsUpdate(mine))
  const sync = () => Y.applyUpdate(mine, Y.encodeStateAsUpdate(theirs, Y.encodeStateVector(mine)))
  return { mine, theirs, sync }
}

describe('useMapGraph', () => {
  it('redraws when a colleague moves a lane, adds one or links two', () => {
    const { mine, theirs, sync } = twoDevices()
    const scope = effectScope()
    const graph = scope.run(() => useMapGraph(mine))
    if (!graph) throw new Error('no graph')
    const colleague = activityMap(theirs)
    const [maths, chemistry] = colleague.toJson().lanes
    colleague.moveLane(maths?.id as string, { x: 960, y: 0 })
    const added = colleague.addLane({ subject: 'Geografi', position: { x: 0, y: 520 } })
    colleague.link(added, chemistry?.id as string, 'suhu daerah')
    sync()
    expect(graph.value.lanes.find((lane) => lane.id === maths?.id)?.position).toEqual({ x: 960, y: 0 })
    expect(graph.value.lanes.map((lane) => lane.data.subject)).toContain('Geografi')
    expect(graph.value.edges.at(-1)).toMatchObject({ source: added, label: 'suhu daerah' })
    scope.stop()
  })

  it('keeps the same graph while only a lane text changes, and stops following once disposed', () => {
    const { mine, theirs, sync } = twoDevices()
    const scope = effectScope()
    const graph = scope.run(() => useMapGraph(mine))
    if (!graph) throw new Error('no graph')
    const drawn = graph.value
    const colleague = activityMap(theirs)
    const lane = colleague.toJson().lanes[0]?.id as string
    colleague.laneText(lane, 'schedule')?.insert(0, 'Senin sampai Rabu')
    sync()
    expect(graph.value).toBe(drawn)

    scope.stop()
    colleague.setLaneField(lane, 'teacher', 'Bu Sari')
    sync()
    expect(graph.value).toBe(drawn)
    expect(activityMap(mine).toJson().lanes[0]?.teacher).toBe('Bu Sari')
  })
})
