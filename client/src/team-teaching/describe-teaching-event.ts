import {
  type LessonRole,
  lessonRoleLabels,
  type TeachingModel,
  type TeamTeaching,
  teachingModelLabels,
} from '@rembuk/domain'
import type { TeachingEventView } from './teaching-api.js'

/** How the helpers reach the interface's words: `t`, and the picker for `{ id, en }` domain labels. */
export interface Words {
  t: (key: string, params?: Record<string, unknown>) => string
  label: (text: { id: string; en: string }) => string
}

export interface TeachingContext {
  teaching: TeamTeaching
  nameOf: (memberId: string) => string
  /** A calendar day (YYYY-MM-DD) as people write it. */
  day: (date: string) => string
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '')

/** "Bu Sari mengajar, Pak Budi mengamati". */
export function rolesInWords(
  roles: readonly { memberId: string; role: LessonRole }[],
  words: Words,
  nameOf: (memberId: string) => string,
): string {
  return roles
    .map((entry) => `${nameOf(entry.memberId)}: ${words.label(lessonRoleLabels[entry.role]).toLowerCase()}`)
    .join(', ')
}

/**
 * One event of a team-teaching arrangement in words: "Pak Budi menjadwalkan pelajaran 20 April 2026, 07.30–09.00
 * di Lab kimia: Bu Sari: mengamati, Pak Budi: mengajar". Tasks and lessons are named as they stand now.
 */
export function describeTeachingEvent(
  event: TeachingEventView,
  words: Words,
  context: TeachingContext,
): string {
  const actor = event.actorName || event.actorId
  const data = event.data
  const key = (name: string) => `teaching.events.${name}`
  const lesson = context.teaching.lessons.find((candidate) => candidate.lessonId === data.lessonId)
  const lessonDay = lesson ? context.day(lesson.date) : ''
  const taskText = () => lesson?.tasks.find((task) => task.taskId === data.taskId)?.text ?? ''
  const roles = () =>
    rolesInWords((data.roles ?? []) as { memberId: string; role: LessonRole }[], words, context.nameOf)
  const model = () => {
    const label = teachingModelLabels[data.model as TeachingModel]
    return label ? words.label(label) : text(data.model)
  }
  switch (event.type) {
    case 'TeamTeachingArranged':
    case 'TeamTeachingDetailsChanged':
      return words.t(key(event.type), {
        actor,
        title: text(data.title),
        className: text(data.className),
        model: model(),
      })
    case 'LessonScheduled':
    case 'LessonRescheduled':
      return words.t(key(event.type), {
        actor,
        day: context.day(text(data.date)),
        start: text(data.start),
        end: text(data.end),
        place: text(data.place),
        roles: roles(),
      })
    case 'LessonRolesAssigned':
      return words.t(key(event.type), { actor, day: lessonDay, roles: roles() })
    case 'LessonTaught':
      return words.t(key(event.type), { actor, day: lessonDay })
    case 'LessonTaskAdded':
      return words.t(key(event.type), {
        actor,
        member: context.nameOf(text(data.memberId)),
        stage: words.t(`teaching.stages.${text(data.stage)}`).toLowerCase(),
        text: text(data.text),
      })
    case 'LessonTaskEdited':
      return words.t(key(event.type), { actor, text: text(data.text) })
    case 'LessonTaskDone':
    case 'LessonTaskReopened':
      return words.t(key(event.type), { actor, text: taskText() })
    case 'LessonPhaseNoted':
      return words.t(key(data.aspect === 'actual' ? 'phaseActual' : 'phasePlanned'), {
        actor,
        phase: words.t(`teaching.phaseNames.${text(data.phase)}`).toLowerCase(),
        text: text(data.text),
      })
    case 'LessonReflectionWritten':
    case 'LessonConclusionProposed':
      return words.t(key(event.type), { actor, text: text(data.text) })
    case 'LessonConclusionAgreed':
      return words.t(key(event.type), { actor })
    default:
      return words.t(key('other'), { actor, type: event.type })
  }
}
