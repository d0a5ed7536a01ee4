import * as Y from 'yjs'

/** The parts of a subject lane that teachers write together, each a shared text. */
export const laneTextFields = ['competencies', 'tasks', 'indicators', 'assessment', 'schedule'] as const
export type LaneTextField = (typeof laneTextFields)[number]

export interface LaneInput {
  subject: string
  teacher?: string
  texts?: Partial<Record<LaneTextField, string>>
  position?: { x: number; y: number }
}

export interface LaneJson {
  id: string
  subject: string
  teacher: string
  texts: Record<LaneTextField, string>
  position: { x: number; y: number }
}

export interface LinkJson {
  id: string
  from: string
  to: string
  label: string
}

export type LaneStringField = 'subject' | 'teacher'
export type ActivityField = 'title' | 'description'

export interface ActivityMapJson {
  activity: { title: string; description: string }
  lanes: LaneJson[]
  links: LinkJson[]
}

/**
 * Typed access to an activity map's Yjs document: the activity in the centre (`activity`, a map), one lane per
 * subject (`lanes`, a map of lane id to lane), and links between lanes that depend on each other (`links`).
 */
export function activityMap(doc: Y.Doc) {
  const activity = doc.getMap<unknown>('activity')
  const lanes = doc.getMap<Y.Map<unknown>>('lanes')
  const links = doc.getArray<Y.Map<string>>('links')
  let next = 0
  const newId = (prefix: string) => `${prefix}-${doc.clientID.toString(36)}-${(next++).toString(36)}`

  return {
    setActivity(title: string, description: string): void {
      doc.transact(() => {
        activity.set('title', title)
        activity.set('description', description)
      })
    },
    addLane(input: LaneInput): string {
      const id = newId('lane')
      doc.transact(() => {
        const lane = new Y.Map<unknown>()
        lanes.set(id, lane)
        lane.set('subject', input.subject)
        lane.set('teacher', input.teacher ?? '')
        lane.set('position', input.position ?? { x: 0, y: 0 })
        for (const field of laneTextFields) lane.set(field, new Y.Text(input.texts?.[field] ?? ''))
      })
      return id
    },
    setActivityField(field: ActivityField, value: string): void {
      if (activity.get(field) !== value) activity.set(field, value)
    },
    setLaneField(laneId: string, field: LaneStringField, value: string): void {
      const lane = lanes.get(laneId)
      if (lane && lane.get(field) !== value) lane.set(field, value)
    },
    moveLane(laneId: string, position: { x: number; y: number }): void {
      const lane = lanes.get(laneId)
      const rounded = { x: Math.round(position.x), y: Math.round(position.y) }
      const current = lane?.get('position') as { x: number; y: number } | undefined
      if (lane && (current?.x !== rounded.x || current?.y !== rounded.y)) lane.set('position', rounded)
    },
    laneText(laneId: string, field: LaneTextField): Y.Text | undefined {
      return lanes.get(laneId)?.get(field) as Y.Text | undefined
    },
    link(from: string, to: string, label: string): string {
      const id = newId('link')
      const entry = new Y.Map<string>()
      doc.transact(() => {
        links.push([entry])
        entry.set('id', id)
        entry.set('from', from)
        entry.set('to', to)
        entry.set('label', label)
      })
      return id
    },
    removeLink(linkId: string): void {
      const index = links.toArray().findIndex((link) => link.get('id') === linkId)
      if (index >= 0) links.delete(index, 1)
    },
    toJson(): ActivityMapJson {
      return {
        activity: {
          title: String(activity.get('title') ?? ''),
          description: String(activity.get('description') ?? ''),
        },
        lanes: [...lanes.entries()]
          .filter((entry): entry is [string, Y.Map<unknown>] => entry[1] instanceof Y.Map)
          .map(([id, lane]) => ({
            id,
            subject: String(lane.get('subject') ?? ''),
            teacher: String(lane.get('teacher') ?? ''),
            position: (lane.get('position') as { x: number; y: number } | undefined) ?? { x: 0, y: 0 },
            texts: Object.fromEntries(
              laneTextFields.map((field) => [
                field,
                (lane.get(field) as Y.Text | undefined)?.toString() ?? '',
              ]),
            ) as Record<LaneTextField, string>,
          }))
          .sort(
            (a, b) => a.position.y - b.position.y || a.position.x - b.position.x || a.id.localeCompare(b.id),
          ),
        links: links
          .toArray()
          .filter((link) => link instanceof Y.Map)
          .map((link) => ({
            id: link.get('id') ?? '',
            from: link.get('from') ?? '',
            to: link.get('to') ?? '',
            label: link.get('label') ?? '',
          })),
      }
    },
  }
}

export type ActivityMap = ReturnType<typeof activityMap>
