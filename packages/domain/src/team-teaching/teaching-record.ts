import {
  type LessonPhase,
  lessonPhases,
  type PhaseAspect,
  type TaskStage,
  type TeachingEvent,
} from './teaching-events.js'
import type { RoleAssignment, TeachingModel } from './teaching-models.js'

export interface LessonTask {
  taskId: string
  memberId: string
  stage: TaskStage
  text: string
  done: boolean
}

export interface Reflection {
  memberId: string
  text: string
}

/** The shared conclusion one teacher proposed and who has agreed to it (the proposer first). */
export interface Conclusion {
  text: string
  proposedBy: string
  agreedBy: readonly string[]
}

export interface Lesson {
  lessonId: string
  date: string
  start: string
  end: string
  place: string
  roles: readonly RoleAssignment[]
  taught: boolean
  tasks: readonly LessonTask[]
  /** Per phase, what was planned and what actually happened, as last noted ('' when not yet). */
  phases: Readonly<Record<LessonPhase, Readonly<Record<PhaseAspect, string>>>>
  /** Each teacher's latest reflection, in the order they first wrote one. */
  reflections: readonly Reflection[]
  conclusion: Conclusion | null
}

/** Two or more teachers, one class: planned, taught and evaluated together. */
export interface TeamTeaching {
  teachingId: string
  schoolId: string
  docId: string
  title: string
  className: string
  subjects: readonly string[]
  teachers: readonly string[]
  model: TeachingModel
  /** In the order they take place. */
  lessons: readonly Lesson[]
}

export type TeachingState = TeamTeaching | undefined

/** When and where a lesson is. */
export interface LessonTime {
  date: string
  start: string
  end: string
  place: string
}

export type TeachingEventData = {
  [E in TeachingEvent as E['type']]: { type: E['type']; data: E['data'] }
}[TeachingEvent['type']]

const emptyPhases = (): Lesson['phases'] =>
  Object.fromEntries(lessonPhases.map((phase) => [phase, { planned: '', actual: '' }])) as Lesson['phases']

/** Earlier first: by day, then start time. */
export const lessonsInOrder = (a: LessonTime, b: LessonTime) =>
  a.date === b.date ? a.start.localeCompare(b.start) : a.date.localeCompare(b.date)

function withLesson(state: TeamTeaching, lessonId: string, change: (lesson: Lesson) => Lesson): TeamTeaching {
  return {
    ...state,
    lessons: state.lessons.map((lesson) => (lesson.lessonId === lessonId ? change(lesson) : lesson)),
  }
}

function withTask(lesson: Lesson, taskId: string, change: (task: LessonTask) => LessonTask): Lesson {
  return { ...lesson, tasks: lesson.tasks.map((task) => (task.taskId === taskId ? change(task) : task)) }
}

export function evolveTeaching(state: TeachingState, event: TeachingEventData): TeachingState {
  if (event.type === 'TeamTeachingArranged') return { ...event.data, lessons: [] }
  if (!state) return state
  switch (event.type) {
    case 'TeamTeachingDetailsChanged':
      return { ...state, ...event.data }
    case 'LessonScheduled': {
      const lesson: Lesson = {
        ...event.data,
        taught: false,
        tasks: [],
        phases: emptyPhases(),
        reflections: [],
        conclusion: null,
      }
      return { ...state, lessons: [...state.lessons, lesson].sort(lessonsInOrder) }
    }
    case 'LessonRescheduled': {
      const { lessonId, ...time } = event.data
      const moved = withLesson(state, lessonId, (lesson) => ({ ...lesson, ...time }))
      return { ...moved, lessons: [...moved.lessons].sort(lessonsInOrder) }
    }
    case 'LessonRolesAssigned':
      return withLesson(state, event.data.lessonId, (lesson) => ({ ...lesson, roles: event.data.roles }))
    case 'LessonTaught':
      return withLesson(state, event.data.lessonId, (lesson) => ({ ...lesson, taught: true }))
    case 'LessonTaskAdded': {
      const { lessonId, ...task } = event.data
      return withLesson(state, lessonId, (lesson) => ({
        ...lesson,
        tasks: [...lesson.tasks, { ...task, done: false }],
      }))
    }
    case 'LessonTaskEdited':
      return withLesson(state, event.data.lessonId, (lesson) =>
        withTask(lesson, event.data.taskId, (task) => ({ ...task, text: event.data.text })),
      )
    case 'LessonTaskDone':
    case 'LessonTaskReopened': {
      const done = event.type === 'LessonTaskDone'
      return withLesson(state, event.data.lessonId, (lesson) =>
        withTask(lesson, event.data.taskId, (task) => ({ ...task, done })),
      )
    }
    case 'LessonPhaseNoted': {
      const { phase, aspect, text } = event.data
      return withLesson(state, event.data.lessonId, (lesson) => ({
        ...lesson,
        phases: { ...lesson.phases, [phase]: { ...lesson.phases[phase], [aspect]: text } },
      }))
    }
    case 'LessonReflectionWritten': {
      const { memberId, text } = event.data
      return withLesson(state, event.data.lessonId, (lesson) => {
        const known = lesson.reflections.some((entry) => entry.memberId === memberId)
        const reflections = known
          ? lesson.reflections.map((entry) => (entry.memberId === memberId ? { memberId, text } : entry))
          : [...lesson.reflections, { memberId, text }]
        return { ...lesson, reflections }
      })
    }
    case 'LessonConclusionProposed': {
      const { memberId, text } = event.data
      return withLesson(state, event.data.lessonId, (lesson) => ({
        ...lesson,
        conclusion: { text, proposedBy: memberId, agreedBy: [memberId] },
      }))
    }
    case 'LessonConclusionAgreed':
      return withLesson(state, event.data.lessonId, (lesson) =>
        lesson.conclusion
          ? {
              ...lesson,
              conclusion: {
                ...lesson.conclusion,
                agreedBy: [...lesson.conclusion.agreedBy, event.data.memberId],
              },
            }
          : lesson,
      )
  }
}

/** Every teacher of the arrangement has agreed to the lesson's conclusion. */
