import { z } from 'zod'
import { isoDateSchema, timeOfDaySchema } from '../decision/meeting-events.js'
import { docIdSchema } from '../documents.js'
import { defineEvent, type EventOf } from '../events.js'
import { idSchemaOf } from '../ids.js'
import { memberIdSchema, schoolIdSchema } from '../school/school-events.js'
import { lessonRoles, teachingModels } from './teaching-models.js'

export const teachingIdSchema = idSchemaOf('a team-teaching id')
export const lessonIdSchema = idSchemaOf('a lesson id')
export const taskIdSchema = idSchemaOf('a task id')

export const teachingTitleSchema = z.string().trim().min(1).max(200)
/** The class taught, as the school names it: "XI IPA 2". */
export const classNameSchema = z.string().trim().min(1).max(60)
export const teachingSubjectsSchema = z.array(z.string().trim().min(1).max(80)).min(1).max(10)
export const teachersSchema = z
  .array(memberIdSchema)
  .min(2, 'team teaching needs at least two teachers')
  .max(6)
  .refine((ids) => new Set(ids).size === ids.length, 'a teacher is named twice')
export const placeSchema = z.string().trim().min(1).max(120)
export const teachingTextSchema = z.string().trim().min(1).max(5000)
export const taskTextSchema = z.string().trim().min(1).max(500)

/** When a teacher's task is done: before, during or after the lesson. */
export const taskStages = ['before', 'during', 'after'] as const
export type TaskStage = (typeof taskStages)[number]

/** The phases of a lesson: opening, core activity, closing. */
export const lessonPhases = ['opening', 'core', 'closing'] as const
export type LessonPhase = (typeof lessonPhases)[number]

/** What was planned for a phase, or what actually happened in it. */
export const phaseAspects = ['planned', 'actual'] as const
export type PhaseAspect = (typeof phaseAspects)[number]

export const roleAssignmentsSchema = z
  .array(z.object({ memberId: memberIdSchema, role: z.enum(lessonRoles) }))
  .min(2)
  .max(6)

export const lessonTimeSchema = z
  .object({ date: isoDateSchema, start: timeOfDaySchema, end: timeOfDaySchema, place: placeSchema })
  .refine((time) => time.start < time.end, 'a lesson ends after it starts')

export const teachingStreamPrefix = 'teaching-'
export const teachingStream = (teachingId: string): string => `${teachingStreamPrefix}${teachingId}`

export const TeamTeachingArranged = defineEvent(
  'TeamTeachingArranged',
  1,
  z.object({
    teachingId: teachingIdSchema,
    schoolId: schoolIdSchema,
    docId: docIdSchema,
    title: teachingTitleSchema,
    className: classNameSchema,
    subjects: teachingSubjectsSchema,
    teachers: teachersSchema,
    model: z.enum(teachingModels),
  }),
)
export const TeamTeachingDetailsChanged = defineEvent(
  'TeamTeachingDetailsChanged',
  1,
  z.object({
    title: teachingTitleSchema,
    className: classNameSchema,
    subjects: teachingSubjectsSchema,
    model: z.enum(teachingModels),
  }),
)
export const LessonScheduled = defineEvent(
  'LessonScheduled',
  1,
  z.object({
    lessonId: lessonIdSchema,
    date: isoDateSchema,
    start: timeOfDaySchema,
    end: timeOfDaySchema,
    place: placeSchema,
    roles: roleAssignmentsSchema,
  }),
)
export const LessonRescheduled = defineEvent(
  'LessonRescheduled',
  1,
  z.object({
    lessonId: lessonIdSchema,
    date: isoDateSchema,
    start: timeOfDaySchema,
    end: timeOfDaySchema,
    place: placeSchema,
  }),
)
export const LessonRolesAssigned = defineEvent(
  'LessonRolesAssigned',
  1,
  z.object({ lessonId: lessonIdSchema, roles: roleAssignmentsSchema }),
)
export const LessonTaught = defineEvent('LessonTaught', 1, z.object({ lessonId: lessonIdSchema }))
export const LessonTaskAdded = defineEvent(
  'LessonTaskAdded',
  1,
  z.object({
    lessonId: lessonIdSchema,
    taskId: taskIdSchema,
    memberId: memberIdSchema,
    stage: z.enum(taskStages),
    text: taskTextSchema,
  }),
)
export const LessonTaskEdited = defineEvent(
  'LessonTaskEdited',
  1,
  z.object({ lessonId: lessonIdSchema, taskId: taskIdSchema, text: taskTextSchema }),
)
export const LessonTaskDone = defineEvent(
  'LessonTaskDone',
  1,
  z.object({ lessonId: lessonIdSchema, taskId: taskIdSchema }),
)
export const LessonTaskReopened = defineEvent(
  'LessonTaskReopened',
  1,
  z.object({ lessonId: lessonIdSchema, taskId: taskIdSchema }),
)
export const LessonPhaseNoted = defineEvent(
  'LessonPhaseNoted',
  1,
  z.object({
    lessonId: lessonIdSchema,
    phase: z.enum(lessonPhases),
    aspect: z.enum(phaseAspects),
    text: teachingTextSchema,
  }),
)
export const LessonReflectionWritten = defineEvent(
  'LessonReflectionWritten',
  1,
  z.object({ lessonId: lessonIdSchema, memberId: memberIdSchema, text: teachingTextSchema }),
)
export const LessonConclusionProposed = defineEvent(
  'LessonConclusionProposed',
  1,
  z.object({ lessonId: lessonIdSchema, memberId: memberIdSchema, text: teachingTextSchema }),
)
export const LessonConclusionAgreed = defineEvent(
  'LessonConclusionAgreed',
  1,
  z.object({ lessonId: lessonIdSchema, memberId: memberIdSchema }),
)

export const teachingEventDefinitions = {
  TeamTeachingArranged,
  TeamTeachingDetailsChanged,
  LessonScheduled,
  LessonRescheduled,
  LessonRolesAssigned,
  LessonTaught,
  LessonTaskAdded,
  LessonTaskEdited,
  LessonTaskDone,
  LessonTaskReopened,
  LessonPhaseNoted,
  LessonReflectionWritten,
  LessonConclusionProposed,
  LessonConclusionAgreed,
} as const

export type TeachingEvent =
  | EventOf<typeof TeamTeachingArranged>
  | EventOf<typeof TeamTeachingDetailsChanged>
  | EventOf<typeof LessonScheduled>
  | EventOf<typeof LessonRescheduled>
  | EventOf<typeof LessonRolesAssigned>
  | EventOf<typeof LessonTaught>
  | EventOf<typeof LessonTaskAdded>
  | EventOf<typeof LessonTaskEdited>
  | EventOf<typeof LessonTaskDone>
  | EventOf<typeof LessonTaskReopened>
  | EventOf<typeof LessonPhaseNoted>
  | EventOf<typeof LessonReflectionWritten>
  | EventOf<typeof LessonConclusionProposed>
  | EventOf<typeof LessonConclusionAgreed>
