import { type ActivityMapJson, activityMap, laneGrid } from '@rembuk/collab'
import type { CustomEvent, Edge, Node } from '@vue-flow/core'
import type * as Y from 'yjs'

export interface ActivityNodeData {
  title: string
  description: string
}

export interface LaneNodeData {
  subject: string
  teacher: string
}

type NoEvents = Record<string, CustomEvent>
export type ActivityNode = Node<ActivityNodeData, NoEvents, 'activity'> & { data: ActivityNodeData }
export type LaneNode = Node<LaneNodeData, NoEvents, 'lane'> & { data: LaneNodeData }

export interface MapGraph {
  activity: ActivityNode
  /** In reading order: top to bottom, then left to right. */
  lanes: LaneNode[]
  edges: Edge[]
}

export const activityNodeId = 'activity'
const activityClearance = 240

type Position = { x: number; y: number }

/** The activity sits above the lanes, centred on them, so that it never covers one. */
function activityPosition(lanes: readonly { position: Position }[]): Position {
  if (lanes.length === 0) return { x: 0, y: 0 }
  const xs = lanes.map((lane) => lane.position.x)
  const top = Math.min(...lanes.map((lane) => lane.position.y))
  return { x: Math.round((Math.min(...xs) + Math.max(...xs)) / 2), y: top - activityClearance }
}

/** The canvas of an activity map, read from its document: the activity, one node per lane, one edge per link. */
export function mapGraph(doc: Y.Doc): MapGraph {
  return graphOf(activityMap(doc).toJson())
}

function graphOf(content: ActivityMapJson): MapGraph {
  const laneIds = new Set(content.lanes.map((lane) => lane.id))
  return {
    activity: {
      id: activityNodeId,
      type: 'activity',
      position: activityPosition(content.lanes),
      data: { ...content.activity },
      draggable: false,
      connectable: false,
    },
    lanes: content.lanes.map((lane) => ({
      id: lane.id,
      type: 'lane',
      position: { ...lane.position },
      data: { subject: lane.subject, teacher: lane.teacher },
      dragHandle: '.lane-handle',
    })),
    edges: content.links
      // Vue Flow cannot draw a link whose lane is not in the document.
      .filter((link) => laneIds.has(link.from) && laneIds.has(link.to))
      .map((link) => ({
        id: link.id,
        source: link.from,
        target: link.to,
        label: link.label,
        markerEnd: 'arrowclosed',
      })),
  }
}

/** Where a new lane goes: at the left, one row below the lowest lane. */
export function nextLanePosition(lanes: readonly { position: Position }[]): Position {
  if (lanes.length === 0) return { x: 0, y: 0 }
  return { x: 0, y: Math.max(...lanes.map((lane) => lane.position.y)) + laneGrid.row }
}
