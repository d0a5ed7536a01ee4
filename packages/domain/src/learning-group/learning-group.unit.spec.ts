import { describe, expect, it } from 'vitest'
import type { CommandRefused } from '../errors.js'
import type { Role } from '../school/roles.js'
import type { TeamActor } from '../team.js'
import { decideGroup, evolveGroup, type GroupCommand, type GroupState } from './learning-group.js'

type Event = ReturnType<typeof decideGroup>[number]
const roles: Record<string, Role> = {
  kepsek: 'principal',
  dedi: 'teacher',
  sari: 'teacher',
  budi: 'teacher',
  maya: 'coach',
  pengawas: 'supervisor',
}
const as = (memberId: string): TeamActor => ({
  memberId,
  role: roles[memberId] as Role,
  isMember: (id) => id in roles,
})
const form: Extract<GroupCommand, { type: 'FormGroup' }> = {
  type: 'FormGroup',
  groupId: 'g1',
  schoolId: 's',
  name: 'MGMP tape ketan',
  kind: 'mgmp',
  basis: 'subject',
  focus: 'IPA dan bahasa',
  members: ['sari', 'maya'],
  leader: 'dedi',
}
const fold = (events: Event[]) => events.reduce<GroupState>(evolveGroup, undefined)
const formed = () => fold(decideGroup(form, undefined, as('kepsek')))
const run = (state: GroupState, command: GroupCommand, actor: string) => {
  const events = decideGroup(command, state, as(actor))
  return events.reduce<GroupState>(evolveGroup, state)
}
const refusal = (command: GroupCommand, state: GroupState, actor: string) => {
  try {
    decideGroup(command, state, as(actor))
  } catch (error) {
    return error as CommandRefused
  }
  throw new Error('not refused')
}
const plan = {
  purpose: 'Menyelaraskan penilaian proyek tape ketan',
  processIndicators: ['Pertemuan dua kali sebulan'],
  resultIndicators: ['Rubrik bersama dipakai enam mapel'],
  responsible: 'sari',
  start: '2026-03-01',
  end: '2026-05-31',
  milestones: [{ date: '2026-04-15', text: 'Rubrik draf' }],
  resources: 'Ruang guru, laptop',
}
const meeting = {
  type: 'ScheduleGroupMeeting',
  meetingId: 'gm1',
  date: '2026-03-05',
  time: '13:30',
  place: 'Ruang guru',
  topic: 'Analisis hasil belajar',
} as const

describe('teacher learning group', () => {
  it('is formed by the principal, the leader always among its members', () => {
    const group = formed()
    expect(group).toMatchObject({ leader: 'dedi', members: ['dedi', 'sari', 'maya'], actionPlan: null })
    expect(refusal(form, undefined, 'dedi').code).toBe('forbidden')
    expect(refusal({ ...form, members: ['orang-luar'] }, undefined, 'kepsek').code).toBe('invalid')
    expect(refusal(form, group, 'kepsek').code).toBe('conflict')
  })

  it('gets a new leader only from the principal and only from among its members', () => {
    const group = formed()
    expect(run(group, { type: 'NameLeader', memberId: 'sari' }, 'kepsek')?.leader).toBe('sari')
    expect(refusal({ type: 'NameLeader', memberId: 'sari' }, group, 'dedi').code).toBe('forbidden')
    expect(refusal({ type: 'NameLeader', memberId: 'budi' }, group, 'kepsek').code).toBe('invalid')
    expect(refusal({ type: 'RemoveGroupMember', memberId: 'dedi' }, group, 'kepsek').code).toBe('conflict')
    const joined = run(group, { type: 'AddGroupMember', memberId: 'budi' }, 'kepsek')
    expect(joined?.members).toContain('budi')
    expect(run(joined, { type: 'RemoveGroupMember', memberId: 'budi' }, 'kepsek')?.members).not.toContain(
      'budi',
    )
  })

  it('has its action plan and schedule kept by the leader or the principal', () => {
    const group = formed()
    const planned = run(group, { type: 'SetActionPlan', plan }, 'dedi')
    expect(planned?.actionPlan).toEqual(plan)
    expect(refusal({ type: 'SetActionPlan', plan }, group, 'sari').code).toBe('forbidden')
    expect(
      refusal({ type: 'SetActionPlan', plan: { ...plan, responsible: 'budi' } }, group, 'dedi').code,
    ).toBe('invalid')
    const late = { ...plan, milestones: [{ date: '2026-07-01', text: 'Terlambat' }] }
    expect(refusal({ type: 'SetActionPlan', plan: late }, group, 'dedi').message).toMatch(/outside/)
    const second = { ...meeting, meetingId: 'gm0', date: '2026-03-01' }
    const scheduled = run(run(group, meeting, 'dedi'), second, 'kepsek')
    expect(scheduled?.meetings.map((m) => m.meetingId)).toEqual(['gm0', 'gm1'])
    expect(refusal(meeting, group, 'sari').code).toBe('forbidden')
    expect(refusal(meeting, scheduled, 'dedi').code).toBe('conflict')
  })

  it('has attendance and notes recorded by its members, each note with its author', () => {
    const group = run(formed(), meeting, 'dedi')
    const attended = run(
      run(
        group,
        { type: 'RecordGroupAttendance', meetingId: 'gm1', memberId: 'dedi', present: true },
        'sari',
      ),
      { type: 'RecordGroupAttendance', meetingId: 'gm1', memberId: 'sari', present: true },
      'sari',
    )
    const noted = run(
      attended,
      { type: 'WriteGroupNote', meetingId: 'gm1', noteId: 'n1', text: 'Nilai rata-rata naik.' },
      'maya',
    )
    const [recorded] = noted?.meetings ?? []
    expect(recorded?.attendance).toEqual([
      { memberId: 'dedi', present: true },
      { memberId: 'sari', present: true },
    ])
    expect(recorded?.notes).toEqual([{ noteId: 'n1', memberId: 'maya', text: 'Nilai rata-rata naik.' }])
    expect(
      decideGroup(
        { type: 'RecordGroupAttendance', meetingId: 'gm1', memberId: 'sari', present: true },
        attended,
        as('dedi'),
      ),
    ).toEqual([])
    const write = { type: 'WriteGroupNote', meetingId: 'gm1', noteId: 'n2', text: 'x' } as const
    expect(refusal(write, group, 'budi').code).toBe('forbidden')
    expect(refusal(write, group, 'pengawas').code).toBe('forbidden')
    expect(refusal({ ...write, meetingId: 'gm9' }, group, 'sari').code).toBe('not_found')
    const outsider = {
      type: 'RecordGroupAttendance',
      meetingId: 'gm1',
      memberId: 'budi',
      present: true,
    } as const
    expect(refusal(outsider, group, 'sari').code).toBe('invalid')
  })

  it('reports once a month to the forum; a later report of the month replaces the earlier', () => {
    const report = { month: '2026-03', done: 'Dua pertemuan', results: 'Rubrik draf', needs: '' }
    const group = run(formed(), { type: 'SubmitGroupReport', ...report }, 'dedi')
    const corrected = run(
      run(group, { type: 'SubmitGroupReport', ...report, month: '2026-02' }, 'dedi'),
      { type: 'SubmitGroupReport', ...report, needs: 'Laptop' },
      'kepsek',
    )
    expect(corrected?.reports.map((r) => [r.month, r.needs])).toEqual([
      ['2026-02', ''],
      ['2026-03', 'Laptop'],
    ])
    expect(refusal({ type: 'SubmitGroupReport', ...report }, group, 'sari').code).toBe('forbidden')
    expect(refusal({ type: 'SubmitGroupReport', ...report }, undefined, 'dedi').code).toBe('not_found')
  })
})
