import { CommandRefused } from '../errors.js'
import type { TeamActor } from '../team.js'

export interface ActivitySnapshot {
  title: string
  description: string
}

export interface ReviewLane {
  laneId: string
  subject: string
  teacherId: string | null
  teacherName: string
}

/** A change of the shared activity, announced to the lanes that depend on it, and who has reviewed theirs. */
export interface ActivityChange {
  changeId: string
  announcedBy: string
  summary: string
  before: ActivitySnapshot
  after: ActivitySnapshot
  docRevision: number
  lanes: readonly ReviewLane[]
  acknowledgements: readonly { laneId: string; memberId: string }[]
}

export type ActivityChangeCommand =
  | {
      type: 'AnnounceActivityChange'
      changeId: string
      summary: string
      before: ActivitySnapshot
      after: ActivitySnapshot
      docRevision: number
      lanes: ReviewLane[]
    }
  | { type: 'AcknowledgeLaneChange'; changeId: string; laneId: string }

type ChangeEventData =
  | {
      type: 'ActivityChangeAnnounced'
      data: Omit<ActivityChange, 'acknowledgements' | 'lanes'> & { lanes: ReviewLane[] }
    }
  | { type: 'LaneChangeAcknowledged'; data: { changeId: string; laneId: string; memberId: string } }

/** Who reviews a lane: its teacher, or, when its teacher is not a member, anyone on the map's team. */
export function reviewsLane(lane: ReviewLane, team: readonly string[], memberId: string): boolean {
  return lane.teacherId === null ? team.includes(memberId) : lane.teacherId === memberId
}

/** The activity as the lanes last heard of it: the latest announcement's, if any. */
export function announcedActivity(changes: readonly ActivityChange[]): ActivitySnapshot | undefined {
  return changes.at(-1)?.after
}

/** Every lane still to be reviewed, with the changes it has not acknowledged, oldest first. */
export function lanesToReview(changes: readonly ActivityChange[]): Map<string, ActivityChange[]> {
  const pending = new Map<string, ActivityChange[]>()
  for (const change of changes) {
    for (const lane of change.lanes) {
      if (change.acknowledgements.some((ack) => ack.laneId === lane.laneId)) continue
      pending.set(lane.laneId, [...(pending.get(lane.laneId) ?? []), change])
    }
  }
  return pending
}

/**
 * An announcement flags every lane for review and counts as the announcer's own review of their lanes; it is
 * refused when the activity is what the lanes last heard of. An acknowledgement comes from the lane's reviewer.
 */
export function decideActivityChange(
  command: ActivityChangeCommand,
  map: { team: readonly string[]; activityChanges: readonly ActivityChange[] },
  actor: TeamActor,
  writes: boolean,
): ChangeEventData[] {
  if (command.type === 'AnnounceActivityChange') {
    if (!writes) throw new CommandRefused('forbidden', 'Only those who edit the map announce its changes')
    if (map.activityChanges.some((change) => change.changeId === command.changeId))
      throw new CommandRefused('conflict', 'This change was announced already')
    if (JSON.stringify(command.before) === JSON.stringify(command.after))
      throw new CommandRefused('conflict', 'The activity has not changed since the lanes last heard of it')
    if (command.lanes.length === 0) throw new CommandRefused('conflict', 'The map has no lanes to review')
    const { type: _, ...data } = command
    const own = command.lanes.filter((lane) => lane.teacherId === actor.memberId)
    return [
      { type: 'ActivityChangeAnnounced', data: { ...data, announcedBy: actor.memberId } },
      ...own.map((lane) => ({
        type: 'LaneChangeAcknowledged' as const,
        data: { changeId: command.changeId, laneId: lane.laneId, memberId: actor.memberId },
      })),
    ]
  }
  const change = map.activityChanges.find((entry) => entry.changeId === command.changeId)
  if (!change) throw new CommandRefused('not_found', 'No such change of the activity')
  const lane = change.lanes.find((entry) => entry.laneId === command.laneId)
  if (!lane) throw new CommandRefused('not_found', 'This lane was not flagged by the change')
  if (!reviewsLane(lane, map.team, actor.memberId))
    throw new CommandRefused(
      'forbidden',
      lane.teacherId === null
        ? 'Only the map team reviews a lane without a teacher'
        : `Only ${lane.teacherName} reviews this lane`,
    )
  if (change.acknowledgements.some((ack) => ack.laneId === lane.laneId)) return []
  return [
    {
      type: 'LaneChangeAcknowledged',
      data: { changeId: change.changeId, laneId: lane.laneId, memberId: actor.memberId },
    },
  ]
}

export function evolveActivityChanges(
  changes: readonly ActivityChange[],
  event: ChangeEventData,
): readonly ActivityChange[] {
  if (event.type === 'ActivityChangeAnnounced') return [...changes, { ...event.data, acknowledgements: [] }]
  const { changeId, laneId, memberId } = event.data
  return changes.map((change) =>
    change.changeId === changeId
      ? { ...change, acknowledgements: [...change.acknowledgements, { laneId, memberId }] }
      : change,
  )
}
