import { CommandRefused } from '../errors.js'
import { can } from '../school/permissions.js'
import type { Role } from '../school/roles.js'
import { assertMembers, decideTeamChange, managesTeam, type TeamActor, teamDocumentAccess } from '../team.js'
import {
  type ActivityChange,
  type ActivityChangeCommand,
  decideActivityChange,
  evolveActivityChanges,
} from './activity-change.js'
import type { MapEvent } from './map-events.js'

/** A cross-subject activity map: its content (lanes, links) lives in its Yjs document. */
export interface ActivityMapRecord {
  mapId: string
  schoolId: string
  docId: string
  title: string
  template: string | null
  team: readonly string[]
  archived: boolean
  /** Changes of the shared activity announced to its lanes, oldest first. */
  activityChanges: readonly ActivityChange[]
}

export type MapState = ActivityMapRecord | undefined

export type MapCommand =
  | {
      type: 'CreateMap'
      mapId: string
      schoolId: string
      docId: string
      title: string
      template: string | null
      team?: string[]
    }
  | { type: 'AddTeamMember'; memberId: string }
  | { type: 'RemoveTeamMember'; memberId: string }
  | { type: 'ArchiveMap' }
  | ActivityChangeCommand

type MapEventData = { [E in MapEvent as E['type']]: { type: E['type']; data: E['data'] } }[MapEvent['type']]

export function evolveMap(state: MapState, event: MapEventData): MapState {
  if (event.type === 'MapCreated') return { ...event.data, archived: false, activityChanges: [] }
  if (!state) return state
  switch (event.type) {
    case 'MapTeamMemberAdded':
      return { ...state, team: [...state.team, event.data.memberId] }
    case 'MapTeamMemberRemoved':
      return { ...state, team: state.team.filter((id) => id !== event.data.memberId) }
    case 'MapArchived':
      return { ...state, archived: true }
    case 'ActivityChangeAnnounced':
    case 'LaneChangeAcknowledged':
      return { ...state, activityChanges: evolveActivityChanges(state.activityChanges, event) }
  }
}

export function decideMap(command: MapCommand, state: MapState, actor: TeamActor): MapEventData[] {
  if (command.type === 'CreateMap') {
    if (state) throw new CommandRefused('conflict', 'This map exists already')
    if (!can(actor.role, 'create', 'map'))
      throw new CommandRefused('forbidden', `A ${actor.role} may not start a map`)
    const team = [...new Set([actor.memberId, ...(command.team ?? [])])]
    assertMembers(team, actor)
    const { type: _, ...data } = command
    return [{ type: 'MapCreated', data: { ...data, team } }]
  }
  if (!state) throw new CommandRefused('not_found', 'No such map')
  if (state.archived) throw new CommandRefused('conflict', 'The map is archived')
  switch (command.type) {
    case 'AddTeamMember': {
      const change = decideTeamChange(state.team, actor, 'map', { add: command.memberId })
      return change ? [{ type: 'MapTeamMemberAdded', data: { memberId: command.memberId } }] : []
    }
    case 'RemoveTeamMember': {
      const change = decideTeamChange(state.team, actor, 'map', { remove: command.memberId })
      return change ? [{ type: 'MapTeamMemberRemoved', data: { memberId: command.memberId } }] : []
    }
    case 'ArchiveMap':
      if (actor.role !== 'principal' && !managesTeam(state.team, actor, 'map')) {
        throw new CommandRefused('forbidden', 'Only the map team or the principal archives it')
      }
      return [{ type: 'MapArchived', data: {} }]
    case 'AnnounceActivityChange':
    case 'AcknowledgeLaneChange':
      return decideActivityChange(command, state, actor, mapDocumentAccess(state, actor) === 'write')
  }
}

/** The map's team and the principal write until it is archived; everyone else of the school reads. */
export function mapDocumentAccess(
  map: ActivityMapRecord,
  member: { memberId: string; role: Role },
): 'none' | 'read' | 'write' {
  return teamDocumentAccess(map.team, member, !map.archived)
}
