import type { ActivityMapRecord } from '@rembuk/domain'
import { describe, expect, it } from 'vitest'
import { mapAccess } from './map-access.js'

const map: ActivityMapRecord = {
  mapId: 'map-1',
  schoolId: 'school-1',
  docId: 'map:map-1',
  title: 'Tape ketan',
  template: 'tape-ketan',
  team: ['sari', 'budi'],
  archived: false,
  activityChanges: [],
}
const archived = { ...map, archived: true }

describe('map access', () => {
  it('lets the team and the principal write and manage an open map', () => {
    expect(mapAccess(map, { memberId: 'sari', role: 'teacher' })).toEqual({
      document: 'write',
      readOnlyCause: null,
      manages: true,
    })
    expect(mapAccess(map, { memberId: 'kepsek', role: 'principal' })).toEqual({
      document: 'write',
      readOnlyCause: null,
      manages: true,
    })
  })

  it('tells a teacher outside the team that the team is why they only read', () => {
    expect(mapAccess(map, { memberId: 'rina', role: 'teacher' })).toEqual({
      document: 'read',
      readOnlyCause: 'team',
      manages: false,
    })
  })

  it('tells supervisors and committee members that their role only reads, even on the team', () => {
    expect(mapAccess(map, { memberId: 'pengawas', role: 'supervisor' }).readOnlyCause).toBe('role')
    expect(mapAccess({ ...map, team: ['komite'] }, { memberId: 'komite', role: 'committee' })).toEqual({
      document: 'read',
      readOnlyCause: 'role',
      manages: false,
    })
  })

  it('keeps a coach on the team writing but not forming the team', () => {
    const coached = { ...map, team: [...map.team, 'pelatih'] }
    expect(mapAccess(coached, { memberId: 'pelatih', role: 'coach' })).toEqual({
      document: 'write',
      readOnlyCause: null,
      manages: false,
    })
  })

  it('makes an archived map read-only for everyone, the principal too', () => {
    for (const member of [
      { memberId: 'sari', role: 'teacher' as const },
      { memberId: 'kepsek', role: 'principal' as const },
      { memberId: 'pengawas', role: 'supervisor' as const },
    ]) {
      expect(mapAccess(archived, member)).toEqual({
        document: 'read',
        readOnlyCause: 'archived',
        manages: false,
      })
    }
  })
})
