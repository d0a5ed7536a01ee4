import { describe, expect, it } from 'vitest'
import { CommandRefused } from '../errors.js'
import type { Role } from '../school/roles.js'
import type { TeamActor } from '../team.js'
import { lanesToReview } from './activity-change.js'
import { decideMap, evolveMap, type MapCommand, type MapState } from './activity-map.js'

type Event = ReturnType<typeof decideMap>[number]
const roles: Record<string, Role> = {
  kepsek: 'principal',
  budi: 'teacher',
  sari: 'teacher',
  agus: 'teacher',
  luar: 'teacher',
  pengawas: 'supervisor',
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
    template: null,
    team: ['budi', 'sari', 'agus'],
  },
}
const threeDays = { title: 'Membuat tape ketan', description: 'Fermentasi selama tiga hari.' }
const twoDays = { title: 'Membuat tape ketan', description: 'Fermentasi selama dua hari.' }
const lanes = [
  { laneId: 'kim', subject: 'Kimia', teacherId: 'budi', teacherName: 'Pak Budi' },
  { laneId: 'mat', subject: 'Matematika', teacherId: 'sari', teacherName: 'Bu Sari' },
  { laneId: 'eko', subject: 'Ekonomi', teacherId: null, teacherName: 'Guru tamu' },
]
const announce: MapCommand = {
  type: 'AnnounceActivityChange',
  changeId: 'ch1',
  summary: 'Fermentasi dua hari, bukan tiga',
  before: threeDays,
  after: twoDays,
  docRevision: 42,
  lanes,
}

function run(commands: [MapCommand, string][]): MapState {
  let state = evolveMap(undefined, created)
  for (const [command, by] of commands) {
    for (const event of decideMap(command, state, as(by))) state = evolveMap(state, event)
  }
  return state
}
const refusal = (command: MapCommand, state: MapState, actor: string) => {
  try {
    decideMap(command, state, as(actor))
  } catch (error) {
    return error as CommandRefused
  }
  throw new Error('not refused')
}
const ack = (laneId: string, changeId = 'ch1'): MapCommand => ({
  type: 'AcknowledgeLaneChange',
  changeId,
  laneId,
})

describe('a change of the shared activity, propagated to its lanes', () => {
  it('flags every lane, and counts as the announcer’s review of their own lane', () => {
    expect(decideMap(announce, run([]), as('budi'))).toEqual<Event[]>([
      {
        type: 'ActivityChangeAnnounced',
        data: {
          changeId: 'ch1',
          announcedBy: 'budi',
          summary: 'Fermentasi dua hari, bukan tiga',
          before: threeDays,
          after: twoDays,
          docRevision: 42,
          lanes,
        },
      },
      { type: 'LaneChangeAcknowledged', data: { changeId: 'ch1', laneId: 'kim', memberId: 'budi' } },
    ])
    const state = run([[announce, 'budi']]) as NonNullable<MapState>
    expect([...lanesToReview(state.activityChanges).keys()]).toEqual(['mat', 'eko'])
  })

  it('keeps a lane flagged until its teacher acknowledges; a lane without a member teacher, by the team', () => {
    const announced = run([[announce, 'kepsek']])
    expect(refusal(ack('mat'), announced, 'budi').code).toBe('forbidden')
    expect(refusal(ack('mat'), announced, 'kepsek').code).toBe('forbidden')
    expect(refusal(ack('eko'), announced, 'luar').code).toBe('forbidden')
    expect(refusal(ack('bio'), announced, 'sari').code).toBe('not_found')
    expect(refusal(ack('mat', 'ch9'), announced, 'sari').code).toBe('not_found')
    const reviewed = run([
      [announce, 'kepsek'],
      [ack('mat'), 'sari'],
      [ack('eko'), 'agus'],
    ]) as NonNullable<MapState>
    expect(reviewed.activityChanges[0]?.acknowledgements).toEqual([
      { laneId: 'mat', memberId: 'sari' },
      { laneId: 'eko', memberId: 'agus' },
    ])
    expect([...lanesToReview(reviewed.activityChanges).keys()]).toEqual(['kim'])
    expect(decideMap(ack('mat'), reviewed, as('sari'))).toEqual([])
  })

  it('is announced by those who edit the map, only when the activity differs from what the lanes last heard', () => {
    expect(refusal(announce, run([]), 'luar').code).toBe('forbidden')
    expect(refusal(announce, run([]), 'pengawas').code).toBe('forbidden')
    expect(refusal({ ...announce, after: threeDays }, run([]), 'budi').code).toBe('conflict')
    expect(refusal({ ...announce, lanes: [] }, run([]), 'budi').code).toBe('conflict')
    expect(refusal(announce, run([[announce, 'budi']]), 'budi').code).toBe('conflict')
    const archived = evolveMap(run([]), { type: 'MapArchived', data: {} })
    expect(refusal(announce, archived, 'kepsek').message).toMatch(/archived/)
  })

  it('lists a lane once per change it has not reviewed', () => {
    const second: MapCommand = {
      ...announce,
      changeId: 'ch2',
      before: twoDays,
      after: { ...twoDays, title: 'Tape ketan' },
    }
    const state = run([
      [announce, 'budi'],
      [second, 'budi'],
      [ack('mat'), 'sari'],
    ]) as NonNullable<MapState>
    const pending = lanesToReview(state.activityChanges)
    expect(pending.get('mat')?.map((change) => change.changeId)).toEqual(['ch2'])
    expect(pending.get('eko')?.map((change) => change.changeId)).toEqual(['ch1', 'ch2'])
    expect(pending.has('kim')).toBe(false)
  })
})
