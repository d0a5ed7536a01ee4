import { describe, expect, it } from 'vitest'
import { CommandRefused } from '../errors.js'
import type { Role } from '../school/roles.js'
import type { TeamActor } from '../team.js'
import { decideMap, evolveMap, type MapCommand, type MapState, mapDocumentAccess } from './activity-map.js'

type Event = ReturnType<typeof decideMap>[number]
const roles: Record<string, Role> = {
  kepsek: 'principal',
  sari: 'teacher',
  budi: 'teacher',
  pengawas: 'supervisor',
  coach: 'coach',
}
const as = (memberId: string): TeamActor => ({
  memberId,
  role: roles[memberId] as Role,
  isMember: (id) => id in roles,
})
const created: Event = {
  type: 'MapCreated',
  data: {
    mapId: 'm1',
    schoolId: 's',
    docId: 'peta-m1',
    title: 'Tape ketan',
    template: 'tape-ketan',
    team: ['sari'],
  },
}
const fold = (events: Event[]) => events.reduce<MapState>(evolveMap, undefined)
const refusal = (command: MapCommand, state: MapState, actor: string) => {
  try {
    decideMap(command, state, as(actor))
  } catch (error) {
    return error as CommandRefused
  }
  throw new Error('not refused')
}

describe('activity map', () => {
  it('is started by a teacher or the principal, from a template or empty', () => {
    const { team: _, ...data } = created.data as Extract<Event, { type: 'MapCreated' }>['data']
    expect(decideMap({ type: 'CreateMap', ...data, team: [] }, undefined, as('sari'))).toEqual([created])
    expect(refusal({ type: 'CreateMap', ...data }, undefined, 'coach').code).toBe('forbidden')
    expect(refusal({ type: 'CreateMap', ...data }, fold([created]), 'sari').code).toBe('conflict')
  })

  it('shares the team rules of plans', () => {
    expect(decideMap({ type: 'AddTeamMember', memberId: 'budi' }, fold([created]), as('sari'))).toEqual([
      { type: 'MapTeamMemberAdded', data: { memberId: 'budi' } },
    ])
    expect(refusal({ type: 'AddTeamMember', memberId: 'budi' }, fold([created]), 'budi').code).toBe(
      'forbidden',
    )
    expect(refusal({ type: 'RemoveTeamMember', memberId: 'sari' }, fold([created]), 'sari').code).toBe(
      'conflict',
    )
  })

  it('is archived for good, and its document is then read-only', () => {
    const archived = fold([created, { type: 'MapArchived', data: {} }])
    expect(refusal({ type: 'AddTeamMember', memberId: 'budi' }, archived, 'kepsek').message).toMatch(
      /archived/,
    )
    const state = fold([created]) as NonNullable<MapState>
    expect(mapDocumentAccess(state, { memberId: 'sari', role: 'teacher' })).toBe('write')
    expect(mapDocumentAccess(state, { memberId: 'kepsek', role: 'principal' })).toBe('write')
    expect(mapDocumentAccess(state, { memberId: 'budi', role: 'teacher' })).toBe('read')
    expect(mapDocumentAccess(state, { memberId: 'pengawas', role: 'supervisor' })).toBe('read')
    expect(mapDocumentAccess(archived as NonNullable<MapState>, { memberId: 'sari', role: 'teacher' })).toBe(
      'read',
    )
  })
})
