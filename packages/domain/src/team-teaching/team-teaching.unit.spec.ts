import { describe, expect, it } from 'vitest'
import { CommandRefused } from '../errors.js'
import type { Role } from '../school/roles.js'
import { nextRoles, rolesProblem } from './teaching-models.js'
import { evolveTeaching, type TeachingEventData, type TeachingState } from './teaching-record.js'
import {
  decideTeaching,
  type TeachingActor,
  type TeachingCommand,
  teachingDocumentAccess,
} from './team-teaching.js'

const members: Record<string, Role> = {
  kepsek: 'principal',
  sari: 'teacher',
  budi: 'teacher',
  wati: 'teacher',
  maya: 'coach',
  pustakawan: 'staff',
  komite: 'committee',
  pengawas: 'supervisor',
}
const as = (memberId: string): TeachingActor => ({
  memberId,
  role: members[memberId] as Role,
  isMember: (id) => id in members,
  roleOf: (id) => members[id],
})

const arranged: TeachingEventData = {
  type: 'TeamTeachingArranged',
  data: {
    teachingId: 't1',
    schoolId: 'sma-1',
    docId: 'ajar-t1',
    title: 'Tape ketan: susut berat dan suhu',
    className: 'XI IPA 2',
    subjects: ['Matematika', 'Kimia'],
    teachers: ['sari', 'budi'],
    model: 'one-teach-one-observe',
  },
}
const lessonAt = (lessonId: string, date: string) => ({
  lessonId,
  date,
  start: '07:30',
  end: '09:00',
  place: 'Lab kimia',
})
const scheduled = (lessonId: string, date: string, teach = 'sari'): TeachingEventData => ({
  type: 'LessonScheduled',
  data: {
    ...lessonAt(lessonId, date),
    roles: ['sari', 'budi'].map((memberId) => ({
      memberId,
      role: memberId === teach ? 'teach' : 'observe',
    })),
  },
})
const taught = (lessonId: string): TeachingEventData => ({ type: 'LessonTaught', data: { lessonId } })
const reflected = (lessonId: string, memberId: string): TeachingEventData => ({
  type: 'LessonReflectionWritten',
  data: { lessonId, memberId, text: `Refleksi ${memberId}` },
})

function given(events: TeachingEventData[]) {
  const state = events.reduce<TeachingState>(evolveTeaching, undefined)
  return {
    state: state as NonNullable<TeachingState>,
    when: (command: TeachingCommand, actor: string) => ({
      emits: (expected: TeachingEventData[]) =>
        expect(decideTeaching(command, state, as(actor))).toEqual(expected),
      refused: (code: CommandRefused['code'], message: RegExp) => {
        let error: unknown
        try {
          decideTeaching(command, state, as(actor))
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

const { teachingId, schoolId, docId, title, className, subjects, model } = arranged.data as Extract<
  TeachingEventData,
  { type: 'TeamTeachingArranged' }
>['data']
const arrange = (teachers: string[]): TeachingCommand => ({
  type: 'ArrangeTeamTeaching',
  teachingId,
  schoolId,
  docId,
  title,
  className,
  subjects,
  model,
  teachers,
})

describe('arranging team teaching', () => {
  it('is done by a teacher of the pair or by the principal', () => {
    given([])
      .when(arrange(['sari', 'budi']), 'sari')
      .emits([arranged])
    given([])
      .when(arrange(['sari', 'budi']), 'kepsek')
      .emits([{ ...arranged }])
    given([])
      .when(arrange(['sari', 'budi']), 'wati')
      .refused('invalid', /take part in/)
    for (const other of ['maya', 'pustakawan', 'komite', 'pengawas'])
      given([])
        .when(arrange(['sari', 'budi']), other)
        .refused('forbidden', /may not arrange/)
    given([arranged])
      .when(arrange(['sari', 'budi']), 'sari')
      .refused('conflict', /exists/)
  })

  it('needs two or more different teachers or coaches of the school', () => {
    given([])
      .when(arrange(['sari']), 'sari')
      .refused('invalid', /at least two/)
    given([])
      .when(arrange(['sari', 'sari']), 'sari')
      .refused('invalid', /at least two/)
    given([])
      .when(arrange(['sari', 'orang-lain']), 'sari')
      .refused('invalid', /Not members/)
    given([])
      .when(arrange(['sari', 'pustakawan']), 'sari')
      .refused('invalid', /not pustakawan/)
    expect(decideTeaching(arrange(['sari', 'maya', 'budi']), undefined, as('sari'))).toHaveLength(1)
  })

  it('is changed only by its teachers and the principal', () => {
    const change: TeachingCommand = {
      type: 'ChangeDetails',
      title: 'Tape ketan',
      className: 'XI IPA 3',
      subjects: ['Matematika', 'Kimia', 'Biologi'],
      model: 'teaming',
    }
    const { type: _, ...data } = change
    given([arranged])
      .when(change, 'budi')
      .emits([{ type: 'TeamTeachingDetailsChanged', data }])
    given([arranged])
      .when(change, 'kepsek')
      .emits([{ type: 'TeamTeachingDetailsChanged', data }])
    for (const outsider of ['wati', 'maya', 'pengawas'])
      given([arranged])
        .when(change, outsider)
        .refused('forbidden', /Only the teachers/)
    given([])
      .when(change, 'sari')
      .refused('not_found', /No such/)
  })
})

describe('lessons and roles', () => {
  it('starts with the first teacher teaching and the other observing', () => {
    given([arranged])
      .when({ type: 'ScheduleLesson', ...lessonAt('l1', '2026-04-13') }, 'sari')
      .emits([scheduled('l1', '2026-04-13', 'sari')])
    given([arranged])
      .when({ type: 'ScheduleLesson', ...lessonAt('l1', '2026-04-13'), start: '10:00' }, 'sari')
      .refused('invalid', /ends after it starts/)
    given([arranged, scheduled('l1', '2026-04-13')])
      .when({ type: 'ScheduleLesson', ...lessonAt('l1', '2026-04-20') }, 'sari')
      .refused('conflict', /scheduled already/)
  })

  it('swaps teacher and observer for the next lesson of one teach / one observe', () => {
    given([arranged, scheduled('l1', '2026-04-13', 'sari')])
      .when({ type: 'ScheduleLesson', ...lessonAt('l2', '2026-04-20') }, 'budi')
      .emits([scheduled('l2', '2026-04-20', 'budi')])
    given([arranged, scheduled('l1', '2026-04-13', 'sari'), scheduled('l2', '2026-04-20', 'budi')])
      .when({ type: 'ScheduleLesson', ...lessonAt('l3', '2026-04-27') }, 'budi')
      .emits([scheduled('l3', '2026-04-27', 'sari')])
  })

  it('follows the lesson just before the new one in time, not the last one scheduled', () => {
    const state = given([arranged, scheduled('l2', '2026-04-20', 'budi')]).state
    const [event] = decideTeaching(
      { type: 'ScheduleLesson', ...lessonAt('l1', '2026-04-13') },
      state,
      as('sari'),
    )
    expect(event).toEqual(scheduled('l1', '2026-04-13', 'sari'))
    const both = evolveTeaching(state, event as TeachingEventData)
    expect(both?.lessons.map((lesson) => lesson.lessonId)).toEqual(['l1', 'l2'])
  })

  it('passes the lead round three teachers, and keeps the roles of teaming and station teaching', () => {
    const trio = ['sari', 'budi', 'wati']
    const first = nextRoles('one-teach-one-assist', trio, undefined)
    expect(first.map((entry) => entry.role)).toEqual(['teach', 'assist', 'assist'])
    const second = nextRoles('one-teach-one-assist', trio, first)
    expect(second.map((entry) => entry.role)).toEqual(['assist', 'teach', 'assist'])
    const third = nextRoles('one-teach-one-assist', trio, nextRoles('one-teach-one-assist', trio, second))
    expect(third.map((entry) => entry.role)).toEqual(['teach', 'assist', 'assist'])
    const alternative = [
      { memberId: 'sari', role: 'small-group' as const },
      { memberId: 'budi', role: 'large-group' as const },
    ]
    expect(nextRoles('alternative', ['sari', 'budi'], alternative)).toEqual(alternative)
    expect(nextRoles('teaming', trio, undefined).map((entry) => entry.role)).toEqual([
      'co-teach',
      'co-teach',
      'co-teach',
    ])
    expect(nextRoles('station', trio, nextRoles('station', trio, undefined))).toEqual(
      nextRoles('station', trio, undefined),
    )
  })

  it('checks chosen roles against the model', () => {
    const roles = (teach: string, other: 'observe' | 'assist' | 'teach') =>
      ['sari', 'budi'].map((memberId) => ({ memberId, role: memberId === teach ? 'teach' : other }) as const)
    expect(rolesProblem('one-teach-one-observe', ['sari', 'budi'], roles('budi', 'observe'))).toBeUndefined()
    expect(rolesProblem('one-teach-one-observe', ['sari', 'budi'], roles('budi', 'teach'))).toMatch(
      /Exactly one/,
    )
    expect(rolesProblem('one-teach-one-observe', ['sari', 'budi'], roles('budi', 'assist'))).toMatch(
      /not part of/,
    )
    expect(rolesProblem('teaming', ['sari', 'budi'], [{ memberId: 'sari', role: 'co-teach' }])).toMatch(
      /exactly one role/,
    )
    given([arranged, scheduled('l1', '2026-04-13')])
      .when({ type: 'AssignRoles', lessonId: 'l1', roles: roles('budi', 'assist') }, 'sari')
      .refused('invalid', /not part of/)
    given([arranged, scheduled('l1', '2026-04-13')])
      .when({ type: 'AssignRoles', lessonId: 'l1', roles: roles('budi', 'observe') }, 'kepsek')
      .emits([{ type: 'LessonRolesAssigned', data: { lessonId: 'l1', roles: roles('budi', 'observe') } }])
  })

  it('keeps the schedule and roles of a lesson once it is taught', () => {
    const history = [arranged, scheduled('l1', '2026-04-13'), taught('l1')]
    given(history)
      .when({ type: 'RescheduleLesson', ...lessonAt('l1', '2026-04-14') }, 'sari')
      .refused('conflict', /taught/)
    given(history).when({ type: 'MarkLessonTaught', lessonId: 'l1' }, 'sari').emits([])
    given(history)
      .when({ type: 'MarkLessonTaught', lessonId: 'l9' }, 'sari')
      .refused('not_found', /lesson/)
    given([arranged, scheduled('l1', '2026-04-13')])
      .when({ type: 'RescheduleLesson', ...lessonAt('l1', '2026-04-14') }, 'budi')
      .emits([{ type: 'LessonRescheduled', data: lessonAt('l1', '2026-04-14') }])
  })
})

describe('task lanes', () => {
  const added: TeachingEventData = {
    type: 'LessonTaskAdded',
    data: { lessonId: 'l1', taskId: 'k1', memberId: 'budi', stage: 'before', text: 'Siapkan termometer' },
  }
  const base = [arranged, scheduled('l1', '2026-04-13'), added]

  it('are filled by the pair for any of its teachers, before, during or after the lesson', () => {
    const { type: _, ...command } = { ...added.data, type: 'AddTask' as const }
    given(base.slice(0, 2))
      .when({ type: 'AddTask', ...command }, 'sari')
      .emits([added])
    given(base.slice(0, 2))
      .when({ type: 'AddTask', ...command, memberId: 'wati' }, 'sari')
      .refused('invalid', /teachers/)
    given(base.slice(0, 2))
      .when({ type: 'AddTask', ...command }, 'wati')
      .refused('forbidden', /Only the teachers/)
    given(base)
      .when({ type: 'EditTask', lessonId: 'l1', taskId: 'k1', text: 'Siapkan dua termometer' }, 'sari')
      .emits([
        {
          type: 'LessonTaskEdited',
          data: { lessonId: 'l1', taskId: 'k1', text: 'Siapkan dua termometer' },
        },
      ])
  })

  it('are ticked only by the teacher whose task it is, and can be reopened', () => {
    const done: TeachingEventData = { type: 'LessonTaskDone', data: { lessonId: 'l1', taskId: 'k1' } }
    given(base).when({ type: 'SetTaskDone', lessonId: 'l1', taskId: 'k1', done: true }, 'budi').emits([done])
    given(base)
      .when({ type: 'SetTaskDone', lessonId: 'l1', taskId: 'k1', done: true }, 'sari')
      .refused('forbidden', /whose task/)
    given([...base, done])
      .when({ type: 'SetTaskDone', lessonId: 'l1', taskId: 'k1', done: true }, 'budi')
      .emits([])
    given([...base, done])
      .when({ type: 'SetTaskDone', lessonId: 'l1', taskId: 'k1', done: false }, 'budi')
      .emits([{ type: 'LessonTaskReopened', data: { lessonId: 'l1', taskId: 'k1' } }])
    expect(given([...base, done]).state.lessons[0]?.tasks[0]).toMatchObject({ done: true, memberId: 'budi' })
    given(base)
      .when({ type: 'SetTaskDone', lessonId: 'l1', taskId: 'k9', done: true }, 'budi')
      .refused('not_found', /task/)
  })
})

describe('evaluating a lesson together', () => {
  const base = [arranged, scheduled('l1', '2026-04-13')]

  it('notes the plan per phase before, and what actually happened after the lesson', () => {
    const plan: TeachingCommand = {
      type: 'NotePhase',
      lessonId: 'l1',
      phase: 'core',
      aspect: 'planned',
      text: 'Menimbang beras ketan sebelum fermentasi',
    }
    const { type: _, ...data } = plan
    given(base)
      .when(plan, 'sari')
      .emits([{ type: 'LessonPhaseNoted', data }])
    given(base)
      .when(plan, 'kepsek')
      .refused('forbidden', /evaluate/)
    given(base)
      .when({ ...plan, aspect: 'actual' }, 'budi')
      .refused('conflict', /once the lesson is taught/)
    const after = given([...base, taught('l1'), { type: 'LessonPhaseNoted', data }])
    after.when(plan, 'budi').emits([])
    expect(after.state.lessons[0]?.phases.core).toEqual({ planned: data.text, actual: '' })
    expect(after.state.lessons[0]?.phases.opening).toEqual({ planned: '', actual: '' })
  })

  it('keeps one reflection per teacher, the latest, after the lesson is taught', () => {
    const write: TeachingCommand = { type: 'WriteReflection', lessonId: 'l1', text: 'Siswa aktif menimbang' }
    given(base)
      .when(write, 'sari')
      .refused('conflict', /taught/)
    given([...base, taught('l1')])
      .when(write, 'sari')
      .emits([
        { type: 'LessonReflectionWritten', data: { lessonId: 'l1', memberId: 'sari', text: write.text } },
      ])
    given([...base, taught('l1')])
      .when(write, 'wati')
      .refused('forbidden', /Only the teachers/)
    given([...base, taught('l1')])
      .when(write, 'kepsek')
      .refused('forbidden', /evaluate/)
    const rewritten = given([
      ...base,
      taught('l1'),
      reflected('l1', 'sari'),
      reflected('l1', 'budi'),
      {
        type: 'LessonReflectionWritten',
        data: { lessonId: 'l1', memberId: 'sari', text: 'Versi kedua' },
      },
    ])
    expect(rewritten.state.lessons[0]?.reflections).toEqual([
      { memberId: 'sari', text: 'Versi kedua' },
      { memberId: 'budi', text: 'Refleksi budi' },
    ])
  })

  it('agrees a shared conclusion once every teacher has reflected', () => {
    const propose: TeachingCommand = { type: 'ProposeConclusion', lessonId: 'l1', text: 'Timbang dua kali' }
    given([...base, taught('l1'), reflected('l1', 'sari')])
      .when(propose, 'sari')
      .refused('conflict', /Every teacher reflects first/)
    const reflectedBoth = [...base, taught('l1'), reflected('l1', 'sari'), reflected('l1', 'budi')]
    const proposed: TeachingEventData = {
      type: 'LessonConclusionProposed',
      data: { lessonId: 'l1', memberId: 'sari', text: 'Timbang dua kali' },
    }
    given(reflectedBoth).when(propose, 'sari').emits([proposed])
    given(reflectedBoth)
      .when({ type: 'AgreeConclusion', lessonId: 'l1' }, 'budi')
      .refused('conflict', /No conclusion/)
    given([...reflectedBoth, proposed])
      .when({ type: 'AgreeConclusion', lessonId: 'l1' }, 'sari')
      .emits([])
    const agreed: TeachingEventData = {
      type: 'LessonConclusionAgreed',
      data: { lessonId: 'l1', memberId: 'budi' },
    }
    given([...reflectedBoth, proposed])
      .when({ type: 'AgreeConclusion', lessonId: 'l1' }, 'budi')
      .emits([agreed])
    expect(given([...reflectedBoth, proposed, agreed]).state.lessons[0]?.conclusion).toEqual({
      text: 'Timbang dua kali',
      proposedBy: 'sari',
      agreedBy: ['sari', 'budi'],
    })
    const reworded: TeachingEventData = {
      type: 'LessonConclusionProposed',
      data: { lessonId: 'l1', memberId: 'budi', text: 'Timbang tiga kali' },
    }
    expect(
      given([...reflectedBoth, proposed, agreed, reworded]).state.lessons[0]?.conclusion?.agreedBy,
    ).toEqual(['budi'])
    given([...reflectedBoth, proposed, agreed])
      .when({ type: 'ProposeConclusion', lessonId: 'l1', text: 'Timbang tiga kali' }, 'budi')
      .refused('conflict', /it stands/)
  })

  it('gives lessons still to teach the roles of a new model, and leaves taught ones as they were', () => {
    const pair = given([arranged, scheduled('l1', '2026-04-13'), taught('l1'), scheduled('l2', '2026-04-20')])
    const change: TeachingCommand = {
      type: 'ChangeDetails',
      title,
      className,
      subjects: [...subjects],
      model: 'teaming',
    }
    pair.when(change, 'sari').emits([
      {
        type: 'TeamTeachingDetailsChanged',
        data: { title, className, subjects: [...subjects], model: 'teaming' },
      },
      {
        type: 'LessonRolesAssigned',
        data: {
          lessonId: 'l2',
          roles: [
            { memberId: 'sari', role: 'co-teach' },
            { memberId: 'budi', role: 'co-teach' },
          ],
        },
      },
    ])
  })
})

describe('the preparation document', () => {
  it('is written by the pair and the principal and read by the rest of the school', () => {
    const teaching = given([arranged]).state
    const access = (memberId: string) =>
      teachingDocumentAccess(teaching, { memberId, role: members[memberId] as Role })
    expect(['sari', 'budi', 'kepsek'].map(access)).toEqual(['write', 'write', 'write'])
    expect(['wati', 'maya', 'pustakawan', 'komite', 'pengawas'].map(access)).toEqual([
      'read',
      'read',
      'read',
      'read',
      'read',
    ])
  })
})
