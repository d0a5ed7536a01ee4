import { describe, expect, it } from 'vitest'
import { CommandRefused } from '../errors.js'
import type { Role } from '../school/roles.js'
import type { TeamActor } from '../team.js'
import { decideMeeting, evolveMeeting, type MeetingCommand, type MeetingState } from './meeting.js'
import { agendaSchema, defaultAgendas, isoDateSchema } from './meeting-events.js'

type Event = ReturnType<typeof decideMeeting>[number]

const members: Record<string, Role> = {
  kepsek: 'principal',
  sari: 'teacher',
  budi: 'teacher',
  pembimbing: 'coach',
  pustakawan: 'staff',
  komite: 'committee',
  pengawas: 'supervisor',
}
const as = (memberId: string): TeamActor => ({
  memberId,
  role: members[memberId] as Role,
  isMember: (id) => id in members,
})

const scheduled: Event = {
  type: 'MeetingScheduled',
  data: {
    meetingId: 'r1',
    schoolId: 'sma-1',
    kind: 'protocol',
    title: 'Rapat protokol Agustus',
    date: '2025-08-04',
    chair: 'sari',
    agenda: [...defaultAgendas.protocol],
  },
}
const closed: Event = { type: 'MeetingClosed', data: {} }
const present = (memberId: string, isPresent = true): Event => ({
  type: 'AttendanceRecorded',
  data: { memberId, present: isPresent },
})

function given(events: Event[]) {
  const state = events.reduce<MeetingState>(evolveMeeting, undefined)
  return {
    state,
    when: (command: MeetingCommand, actor: string) => ({
      emits: (expected: Event[]) => expect(decideMeeting(command, state, as(actor))).toEqual(expected),
      refused: (code: CommandRefused['code'], message: RegExp) => {
        let error: unknown
        try {
          decideMeeting(command, state, as(actor))
        } catch (e) {
          error = e
        }
        expect(error).toBeInstanceOf(CommandRefused)
        expect((error as CommandRefused).code).toBe(code)
        expect((error as CommandRefused).message).toMatch(message)
      },
    }),
  }
}

const schedule = (
  extra: Partial<Extract<MeetingCommand, { type: 'ScheduleMeeting' }>> = {},
): MeetingCommand => {
  const {
    chair: _,
    agenda: __,
    ...rest
  } = scheduled.data as Extract<Event, { type: 'MeetingScheduled' }>['data']
  return { type: 'ScheduleMeeting', ...rest, ...extra }
}

describe('meeting', () => {
  it('is scheduled by those who may raise decisions; a protocol meeting gets the five agenda items', () => {
    given([]).when(schedule(), 'sari').emits([scheduled])
    expect(defaultAgendas.protocol.map((item) => item.key)).toEqual(['a', 'b', 'c', 'd', 'e'])
    expect(defaultAgendas.protocol[2]?.title).toMatch(/Urun rembug/)
    given([])
      .when(schedule({ chair: 'budi' }), 'kepsek')
      .emits([{ type: 'MeetingScheduled', data: { ...scheduled.data, chair: 'budi' } } as Event])
    given([])
      .when(schedule({ kind: 'learning-group' }), 'pembimbing')
      .emits([
        {
          type: 'MeetingScheduled',
          data: {
            ...scheduled.data,
            kind: 'learning-group',
            chair: 'pembimbing',
            agenda: defaultAgendas['learning-group'],
          },
        } as Event,
      ])
    const agenda = [{ key: 'soal', title: 'Pembahasan soal ujian' }]
    given([])
      .when(schedule({ kind: 'team', agenda }), 'budi')
      .emits([
        {
          type: 'MeetingScheduled',
          data: { ...scheduled.data, kind: 'team', chair: 'budi', agenda },
        } as Event,
      ])
    for (const who of ['pustakawan', 'komite', 'pengawas']) {
      given([])
        .when(schedule(), who)
        .refused('forbidden', /may not schedule a meeting/)
    }
    given([])
      .when(schedule({ chair: 'orang-luar' }), 'sari')
      .refused('invalid', /Not members of this school: orang-luar/)
    given([scheduled])
      .when(schedule(), 'sari')
      .refused('conflict', /exists already/)
  })

  it('checks agendas and dates at the boundary', () => {
    expect(
      agendaSchema.safeParse([
        { key: 'a', title: 'Satu' },
        { key: 'a', title: 'Dua' },
      ]).success,
    ).toBe(false)
    expect(agendaSchema.safeParse([]).success).toBe(false)
    expect(isoDateSchema.safeParse('2025-02-29').success).toBe(false)
    expect(isoDateSchema.safeParse('4 Agustus 2025').success).toBe(false)
    expect(isoDateSchema.safeParse('2024-02-29').success).toBe(true)
  })

  it('lets the chair or the principal record attendance, keeping the latest per member', () => {
    given([scheduled])
      .when({ type: 'RecordAttendance', memberId: 'budi', present: true }, 'sari')
      .emits([present('budi')])
    given([scheduled])
      .when({ type: 'RecordAttendance', memberId: 'komite', present: false }, 'kepsek')
      .emits([present('komite', false)])
    given([scheduled, present('budi')])
      .when({ type: 'RecordAttendance', memberId: 'budi', present: true }, 'sari')
      .emits([])
    const changed = given([scheduled, present('budi'), present('komite'), present('budi', false)]).state
    expect(changed?.attendance).toEqual([
      { memberId: 'budi', present: false },
      { memberId: 'komite', present: true },
    ])
    given([scheduled])
      .when({ type: 'RecordAttendance', memberId: 'sari', present: true }, 'budi')
      .refused('forbidden', /chair or the principal/)
    given([scheduled])
      .when({ type: 'RecordAttendance', memberId: 'hantu', present: true }, 'sari')
      .refused('invalid', /Not members of this school: hantu/)
  })

  it('takes notes under an item of its agenda', () => {
    const note: MeetingCommand = { type: 'AddMeetingNote', agendaKey: 'c', text: 'Guru butuh waktu bersama.' }
    given([scheduled])
      .when(note, 'sari')
      .emits([{ type: 'MeetingNoteAdded', data: { agendaKey: 'c', text: 'Guru butuh waktu bersama.' } }])
    given([scheduled])
      .when(note, 'kepsek')
      .emits([{ type: 'MeetingNoteAdded', data: { agendaKey: 'c', text: 'Guru butuh waktu bersama.' } }])
    given([scheduled])
      .when(note, 'pembimbing')
      .refused('forbidden', /chair or the principal/)
    given([scheduled])
      .when({ type: 'AddMeetingNote', agendaKey: 'z', text: 'x' }, 'sari')
      .refused('invalid', /no item z/)
    given([])
      .when(note, 'sari')
      .refused('not_found', /No such meeting/)
  })

  it('is closed by the chair or the principal and takes nothing more', () => {
    given([scheduled]).when({ type: 'CloseMeeting' }, 'sari').emits([closed])
    given([scheduled]).when({ type: 'CloseMeeting' }, 'kepsek').emits([closed])
    given([scheduled])
      .when({ type: 'CloseMeeting' }, 'budi')
      .refused('forbidden', /chair or the principal/)
    expect(given([scheduled, closed]).state?.closed).toBe(true)
    for (const command of [
      { type: 'CloseMeeting' },
      { type: 'AddMeetingNote', agendaKey: 'a', text: 'Terlambat.' },
      { type: 'RecordAttendance', memberId: 'budi', present: true },
    ] as MeetingCommand[]) {
      given([scheduled, closed])
        .when(command, 'kepsek')
        .refused('conflict', /closed/)
    }
  })
})
