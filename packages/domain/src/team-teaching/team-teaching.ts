import { CommandRefused } from '../errors.js'
import type { Role } from '../school/roles.js'
import { assertMembers, type TeamActor, teamDocumentAccess } from '../team.js'
import type { LessonPhase, PhaseAspect, TaskStage } from './teaching-events.js'
import { nextRoles, type RoleAssignment, rolesProblem, type TeachingModel } from './teaching-models.js'
import {
  type Lesson,
  type LessonTask,
  type LessonTime,
  lessonsInOrder,
  type TeachingEventData,
  type TeachingState,
  type TeamTeaching,
} from './teaching-record.js'

/** A member acting on an arrangement, who can also tell the role of anyone in the school. */
export interface TeachingActor extends TeamActor {
  roleOf(memberId: string): Role | undefined
}

export type TeachingCommand =
  | {
      type: 'ArrangeTeamTeaching'
      teachingId: string
      schoolId: string
      docId: string
      title: string
      className: string
      subjects: string[]
      teachers: string[]
      model: TeachingModel
    }
  | { type: 'ChangeDetails'; title: string; className: string; subjects: string[]; model: TeachingModel }
  | ({ type: 'ScheduleLesson'; lessonId: string; roles?: RoleAssignment[] } & LessonTime)
  | ({ type: 'RescheduleLesson'; lessonId: string } & LessonTime)
  | { type: 'AssignRoles'; lessonId: string; roles: RoleAssignment[] }
  | { type: 'MarkLessonTaught'; lessonId: string }
  | { type: 'AddTask'; lessonId: string; taskId: string; memberId: string; stage: TaskStage; text: string }
  | { type: 'EditTask'; lessonId: string; taskId: string; text: string }
  | { type: 'SetTaskDone'; lessonId: string; taskId: string; done: boolean }
  | { type: 'NotePhase'; lessonId: string; phase: LessonPhase; aspect: PhaseAspect; text: string }
  | { type: 'WriteReflection'; lessonId: string; text: string }
  | { type: 'ProposeConclusion'; lessonId: string; text: string }
  | { type: 'AgreeConclusion'; lessonId: string }

export function conclusionAgreed(teaching: TeamTeaching, lesson: Lesson): boolean {
  const agreed = lesson.conclusion?.agreedBy ?? []
  return teaching.teachers.every((memberId) => agreed.includes(memberId))
}

/** On the team: one of the arrangement's teachers. */
export const teachesIn = (teaching: { teachers: readonly string[] }, memberId: string): boolean =>
  teaching.teachers.includes(memberId)

/** The teachers and the principal change an arrangement; everyone else of the school reads it. */
export const changesTeaching = (
  teaching: { teachers: readonly string[] },
  actor: { memberId: string; role: Role },
): boolean => actor.role === 'principal' || teachesIn(teaching, actor.memberId)

/** The events a command on a team-teaching arrangement leads to, or CommandRefused with the reason. */
export function decideTeaching(
  command: TeachingCommand,
  state: TeachingState,
  actor: TeachingActor,
): TeachingEventData[] {
  if (command.type === 'ArrangeTeamTeaching') return arrange(command, state, actor)
  if (!state) throw new CommandRefused('not_found', 'No such team-teaching arrangement')
  if (!changesTeaching(state, actor))
    throw new CommandRefused('forbidden', 'Only the teachers of this arrangement or the principal change it')
  switch (command.type) {
    case 'ChangeDetails': {
      const { type: _, ...data } = command
      // Lessons still to teach take the new model's starting roles where their roles no longer fit it.
      const refitted = state.lessons
        .filter((lesson) => !lesson.taught && rolesProblem(command.model, state.teachers, lesson.roles))
        .map((lesson) => ({
          type: 'LessonRolesAssigned' as const,
          data: { lessonId: lesson.lessonId, roles: nextRoles(command.model, state.teachers, undefined) },
        }))
      return [{ type: 'TeamTeachingDetailsChanged', data }, ...refitted]
    }
    case 'ScheduleLesson':
      return schedule(command, state)
    case 'RescheduleLesson': {
      notTaught(requireLesson(state, command.lessonId))
      const { type: _, ...data } = command
      assertTime(data)
      return [{ type: 'LessonRescheduled', data }]
    }
    case 'AssignRoles': {
      notTaught(requireLesson(state, command.lessonId))
      assertRoles(state, command.roles)
      return [{ type: 'LessonRolesAssigned', data: { lessonId: command.lessonId, roles: command.roles } }]
    }
    case 'MarkLessonTaught': {
      const lesson = requireLesson(state, command.lessonId)
      return lesson.taught ? [] : [{ type: 'LessonTaught', data: { lessonId: lesson.lessonId } }]
    }
    case 'AddTask': {
      requireLesson(state, command.lessonId)
      if (!teachesIn(state, command.memberId))
        throw new CommandRefused('invalid', 'A task belongs to one of the arrangement’s teachers')
      const { type: _, ...data } = command
      return [{ type: 'LessonTaskAdded', data }]
    }
    case 'EditTask': {
      const task = requireTask(requireLesson(state, command.lessonId), command.taskId)
      if (task.text === command.text) return []
      const { type: _, ...data } = command
      return [{ type: 'LessonTaskEdited', data }]
    }
    case 'SetTaskDone': {
      const task = requireTask(requireLesson(state, command.lessonId), command.taskId)
      if (task.memberId !== actor.memberId)
        throw new CommandRefused('forbidden', 'Only the teacher whose task it is marks it done')
      if (task.done === command.done) return []
      const data = { lessonId: command.lessonId, taskId: command.taskId }
      return [{ type: command.done ? 'LessonTaskDone' : 'LessonTaskReopened', data }]
    }
    default:
      return evaluate(command, state, actor)
  }
}

/** Planned versus actual, the reflections and the conclusion: the teachers' own words, theirs alone. */
function evaluate(
  command: Extract<
    TeachingCommand,
    { type: 'NotePhase' | 'WriteReflection' | 'ProposeConclusion' | 'AgreeConclusion' }
  >,
  state: TeamTeaching,
  actor: TeamActor,
): TeachingEventData[] {
  if (!teachesIn(state, actor.memberId))
    throw new CommandRefused('forbidden', 'Only the teachers of this arrangement evaluate its lessons')
  const lesson = requireLesson(state, command.lessonId)
  const { lessonId } = lesson
  const memberId = actor.memberId
  if (command.type === 'NotePhase') {
    if (command.aspect === 'actual') taught(lesson)
    if (lesson.phases[command.phase][command.aspect] === command.text) return []
    const { type: _, ...data } = command
    return [{ type: 'LessonPhaseNoted', data }]
  }
  taught(lesson)
  switch (command.type) {
    case 'WriteReflection': {
      const own = lesson.reflections.find((entry) => entry.memberId === memberId)
      if (own?.text === command.text) return []
      return [{ type: 'LessonReflectionWritten', data: { lessonId, memberId, text: command.text } }]
    }
    case 'ProposeConclusion': {
      if (conclusionAgreed(state, lesson))
        throw new CommandRefused('conflict', 'Every teacher has agreed the conclusion; it stands')
      const missing = state.teachers.filter(
        (id) => !lesson.reflections.some((entry) => entry.memberId === id),
      )
      if (missing.length > 0)
        throw new CommandRefused(
          'conflict',
          'Every teacher reflects first; then the pair agrees a conclusion',
        )
      return [{ type: 'LessonConclusionProposed', data: { lessonId, memberId, text: command.text } }]
    }
    case 'AgreeConclusion': {
      if (!lesson.conclusion) throw new CommandRefused('conflict', 'No conclusion has been proposed yet')
      if (lesson.conclusion.agreedBy.includes(memberId)) return []
      return [{ type: 'LessonConclusionAgreed', data: { lessonId, memberId } }]
    }
  }
}

function arrange(
  command: Extract<TeachingCommand, { type: 'ArrangeTeamTeaching' }>,
  state: TeachingState,
  actor: TeachingActor,
): TeachingEventData[] {
  if (state) throw new CommandRefused('conflict', 'This arrangement exists already')
  if (actor.role !== 'teacher' && actor.role !== 'principal')
    throw new CommandRefused('forbidden', `A ${actor.role} may not arrange team teaching`)
  if (actor.role === 'teacher' && !command.teachers.includes(actor.memberId))
    throw new CommandRefused('invalid', 'A teacher arranges team teaching they take part in')
  if (new Set(command.teachers).size !== command.teachers.length || command.teachers.length < 2)
    throw new CommandRefused('invalid', 'Team teaching needs at least two different teachers')
  assertMembers(command.teachers, actor)
  const others = command.teachers.filter((id) => !['teacher', 'coach'].includes(actor.roleOf(id) ?? ''))
  if (others.length > 0)
    throw new CommandRefused('invalid', `Only teachers and coaches teach together: not ${others.join(', ')}`)
  const { type: _, ...data } = command
  return [{ type: 'TeamTeachingArranged', data }]
}

function schedule(
  command: Extract<TeachingCommand, { type: 'ScheduleLesson' }>,
  state: TeamTeaching,
): TeachingEventData[] {
  if (state.lessons.some((lesson) => lesson.lessonId === command.lessonId))
    throw new CommandRefused('conflict', 'This lesson is scheduled already')
  const { type: _, roles: chosen, ...time } = command
  assertTime(time)
  const before = state.lessons.filter((lesson) => lessonsInOrder(lesson, time) <= 0).at(-1)
  const roles = chosen ?? nextRoles(state.model, state.teachers, before?.roles)
  assertRoles(state, roles)
  return [{ type: 'LessonScheduled', data: { ...time, roles } }]
}

function assertTime(time: LessonTime): void {
  if (time.start >= time.end) throw new CommandRefused('invalid', 'A lesson ends after it starts')
}

function assertRoles(state: TeamTeaching, roles: readonly RoleAssignment[]): void {
  const problem = rolesProblem(state.model, state.teachers, roles)
  if (problem) throw new CommandRefused('invalid', problem)
}

function requireLesson(state: TeamTeaching, lessonId: string): Lesson {
  const lesson = state.lessons.find((candidate) => candidate.lessonId === lessonId)
  if (!lesson) throw new CommandRefused('not_found', 'No such lesson')
  return lesson
}

function requireTask(lesson: Lesson, taskId: string): LessonTask {
  const task = lesson.tasks.find((candidate) => candidate.taskId === taskId)
  if (!task) throw new CommandRefused('not_found', 'No such task')
  return task
}

function notTaught(lesson: Lesson): void {
  if (lesson.taught)
    throw new CommandRefused('conflict', 'The lesson has been taught; its schedule and roles stand')
}

function taught(lesson: Lesson): void {
  if (!lesson.taught)
    throw new CommandRefused(
      'conflict',
      'What happened and the reflections are noted once the lesson is taught',
    )
}

/** The teachers and the principal write the preparation document; everyone else who reads documents reads. */
export function teachingDocumentAccess(
  teaching: TeamTeaching,
  member: { memberId: string; role: Role },
): 'none' | 'read' | 'write' {
  return teamDocumentAccess(teaching.teachers, member, true)
}
