import { z } from 'zod'
import { isoDateSchema } from '../decision/meeting-events.js'
import { defineEvent, type EventOf } from '../events.js'
import { idSchemaOf } from '../ids.js'
import { planIdSchema } from '../plan/plan-events.js'
import { memberIdSchema, schoolIdSchema } from '../school/school-events.js'

export const walkthroughIdSchema = idSchemaOf('a walkthrough id')
export const walkthroughNoteIdSchema = idSchemaOf('a note id')

/** The five things a colleague may look at in a lesson (the guidebook's focuses of a classroom walkthrough). */
export const walkthroughFocuses = ['engagement', 'goal-fit', 'strategy', 'connection', 'wellbeing'] as const
export type WalkthroughFocus = (typeof walkthroughFocuses)[number]

/** When the lesson takes place, in the school's own time: `YYYY-MM-DDTHH:mm`. */
export const lessonMomentSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, 'a lesson time is written YYYY-MM-DDTHH:mm')
  .refine((value) => !Number.isNaN(Date.parse(`${value}:00Z`)), 'no such day or time')
export const observedClassSchema = z.string().trim().min(1).max(80)
export const focusesSchema = z
  .array(z.enum(walkthroughFocuses))
  .min(1, 'agree at least one focus')
  .max(walkthroughFocuses.length)
  .refine((focuses) => new Set(focuses).size === focuses.length, 'each focus once')
/** The minute of the lesson a note was taken at. */
export const lessonMinuteSchema = z.number().int().min(0).max(300)
export const walkthroughTextSchema = z.string().trim().min(1).max(3000)
const optionalTextSchema = z.string().trim().max(2000)
const instantSchema = z.iso.datetime({ offset: true })

export const walkthroughStreamPrefix = 'walkthrough-'
export const walkthroughStream = (walkthroughId: string): string =>
  `${walkthroughStreamPrefix}${walkthroughId}`

export const WalkthroughProposed = defineEvent(
  'WalkthroughProposed',
  1,
  z.object({
    walkthroughId: walkthroughIdSchema,
    schoolId: schoolIdSchema,
    proposedBy: memberIdSchema,
    observer: memberIdSchema,
    observed: memberIdSchema,
    className: observedClassSchema,
    lessonAt: lessonMomentSchema,
    focuses: focusesSchema,
    /** The earlier walkthrough whose follow-up this lesson shows, closing its loop. */
    followsUp: walkthroughIdSchema.nullable(),
    proposedAt: instantSchema,
  }),
)
export const WalkthroughTimeProposed = defineEvent(
  'WalkthroughTimeProposed',
  1,
  z.object({ memberId: memberIdSchema, lessonAt: lessonMomentSchema, note: optionalTextSchema }),
)
export const WalkthroughAgreed = defineEvent('WalkthroughAgreed', 1, z.object({ memberId: memberIdSchema }))
export const WalkthroughCancelled = defineEvent(
  'WalkthroughCancelled',
  1,
  z.object({ memberId: memberIdSchema, reason: walkthroughTextSchema }),
)
export const ObservationNoteRecorded = defineEvent(
  'ObservationNoteRecorded',
  1,
  z.object({
    noteId: walkthroughNoteIdSchema,
    focus: z.enum(walkthroughFocuses),
    minute: lessonMinuteSchema,
    text: walkthroughTextSchema,
    /** Kept for the observer alone: never shown to anyone else. */
    private: z.boolean(),
  }),
)
export const ObservationCompleted = defineEvent('ObservationCompleted', 1, z.object({}))
export const ConversationNoted = defineEvent(
  'ConversationNoted',
  1,
  z.object({
    noteId: walkthroughNoteIdSchema,
    memberId: memberIdSchema,
    text: walkthroughTextSchema,
    /** A reflective question that goes with the specific feedback. */
    question: optionalTextSchema,
  }),
)
export const ReflectionWritten = defineEvent(
  'ReflectionWritten',
  1,
  z.object({ memberId: memberIdSchema, text: walkthroughTextSchema }),
)
export const FollowUpCommitted = defineEvent(
  'FollowUpCommitted',
  1,
  z.object({ text: walkthroughTextSchema, by: isoDateSchema, committedAt: instantSchema }),
)
export const FollowUpCitedInPlan = defineEvent(
  'FollowUpCitedInPlan',
  1,
  z.object({ planId: planIdSchema, note: optionalTextSchema, citedAt: instantSchema }),
)

export const walkthroughEventDefinitions = {
  WalkthroughProposed,
  WalkthroughTimeProposed,
  WalkthroughAgreed,
  WalkthroughCancelled,
  ObservationNoteRecorded,
  ObservationCompleted,
  ConversationNoted,
  ReflectionWritten,
  FollowUpCommitted,
  FollowUpCitedInPlan,
} as const

export type WalkthroughEvent =
  | EventOf<typeof WalkthroughProposed>
  | EventOf<typeof WalkthroughTimeProposed>
  | EventOf<typeof WalkthroughAgreed>
  | EventOf<typeof WalkthroughCancelled>
  | EventOf<typeof ObservationNoteRecorded>
  | EventOf<typeof ObservationCompleted>
  | EventOf<typeof ConversationNoted>
  | EventOf<typeof ReflectionWritten>
  | EventOf<typeof FollowUpCommitted>
  | EventOf<typeof FollowUpCitedInPlan>
