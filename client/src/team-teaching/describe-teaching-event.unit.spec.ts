// @vitest-environment happy-dom
import type { TeamTeaching } from '@rembuk/domain'
import { beforeAll, describe, expect, it } from 'vitest'
import { i18n, loadPracticeMessages, setLocale } from '../i18n/index.js'
import { describeTeachingEvent, type TeachingContext, type Words } from './describe-teaching-event.js'
import type { TeachingEventView } from './teaching-api.js'

beforeAll(() => loadPracticeMessages())

const words: Words = {
  t: (key, params) => i18n.global.t(key, params ?? {}),
  label: (text) => text[i18n.global.locale.value],
}
const teaching: TeamTeaching = {
  teachingId: 't1',
  schoolId: 's',
  docId: 'ajar-t1',
  title: 'Tape ketan',
  className: 'XI IPA 2',
  subjects: ['Matematika', 'Kimia'],
  teachers: ['sari', 'budi'],
  model: 'one-teach-one-observe',
  lessons: [
    {
      lessonId: 'l1',
      date: '2026-04-13',
      start: '07:30',
      end: '09:00',
      place: 'Lab kimia',
      roles: [],
      taught: true,
      tasks: [{ taskId: 'k1', memberId: 'budi', stage: 'before', text: 'Siapkan termometer', done: true }],
      phases: {
        opening: { planned: '', actual: '' },
        core: { planned: '', actual: '' },
        closing: { planned: '', actual: '' },
      },
      reflections: [],
      conclusion: null,
    },
  ],
}
const names: Record<string, string> = { sari: 'Bu Sari', budi: 'Pak Budi' }
const context: TeachingContext = {
  teaching,
  nameOf: (memberId) => names[memberId] ?? memberId,
  day: (date) => (date === '2026-04-13' ? '13 April 2026' : date),
}
const say = (type: string, data: Record<string, unknown>, actorName = 'Pak Budi') => {
  const event: TeachingEventView = { type, actorId: 'x', actorName, at: '2026-04-13T09:00:00Z', data }
  return describeTeachingEvent(event, words, context)
}

describe('a team-teaching event in words', () => {
  it('says who arranged what, and each teacher’s role in a lesson, in Bahasa Indonesia first', () => {
    setLocale('id')
    expect(
      say(
        'TeamTeachingArranged',
        { title: 'Tape ketan', className: 'XI IPA 2', model: 'one-teach-one-observe' },
        'Bu Sari',
      ),
    ).toBe('Bu Sari membentuk pasangan “Tape ketan” (Satu mengajar, satu mengamati) untuk kelas XI IPA 2')
    expect(
      say('LessonScheduled', {
        lessonId: 'l2',
        date: '2026-04-13',
        start: '07:30',
        end: '09:00',
        place: 'Lab kimia',
        roles: [
          { memberId: 'sari', role: 'observe' },
          { memberId: 'budi', role: 'teach' },
        ],
      }),
    ).toBe(
      'Pak Budi menjadwalkan pelajaran 13 April 2026, 07:30–09:00 di Lab kimia: Bu Sari: mengamati, Pak Budi: mengajar',
    )
  })

  it('names tasks, phases and lessons by what they are now', () => {
    setLocale('id')
    expect(say('LessonTaskDone', { lessonId: 'l1', taskId: 'k1' })).toBe(
      'Pak Budi menyelesaikan tugas “Siapkan termometer”',
    )
    expect(
      say('LessonTaskAdded', { lessonId: 'l1', memberId: 'sari', stage: 'after', text: 'Rekap data' }),
    ).toBe('Pak Budi menambah tugas Bu Sari (sesudah pelajaran): “Rekap data”')
    expect(
      say('LessonPhaseNoted', { lessonId: 'l1', phase: 'core', aspect: 'actual', text: 'Timbangan rusak' }),
    ).toBe('Pak Budi mencatat yang terjadi pada kegiatan inti: “Timbangan rusak”')
    expect(say('LessonTaught', { lessonId: 'l1' })).toBe(
      'Pak Budi menandai pelajaran 13 April 2026 sudah dilaksanakan',
    )
  })

  it('has an English sentence for every event', () => {
    setLocale('en')
    expect(say('LessonConclusionAgreed', { lessonId: 'l1' }, 'Bu Sari')).toBe(
      'Bu Sari agreed to the shared conclusion',
    )
    expect(
      say('LessonPhaseNoted', { lessonId: 'l1', phase: 'opening', aspect: 'planned', text: 'Apersepsi' }),
    ).toBe('Pak Budi noted the plan for the opening: “Apersepsi”')
    expect(say('SomethingNew', {})).toBe('Pak Budi: SomethingNew')
    setLocale('id')
  })
})
