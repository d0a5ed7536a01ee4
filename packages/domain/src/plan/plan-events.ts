import { z } from 'zod'
import { docIdSchema } from '../documents.js'
import { defineEvent, type EventOf } from '../events.js'
import { memberIdSchema, schoolIdSchema } from '../school/school-events.js'

export const planIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a plan id is 1-64 letters, digits, "-" or "_"')
export const planTitleSchema = z.string().trim().min(1).max(200)
export const gradeSchema = z.string().trim().min(1).max(40)
export const subjectsSchema = z.array(z.string().trim().min(1).max(80)).min(1).max(12)

/** The six steps of joint planning, in order (the guidebook's Rencana Bersama). */
export const planSteps = [
  'competencies',
  'indicators',
  'activities',
  'assessment',
  'consolidation',
  'teaching-and-revision',
] as const
export type PlanStep = (typeof planSteps)[number]

export const planStreamPrefix = 'plan-'
export const planStream = (planId: string): string => `${planStreamPrefix}${planId}`

export const PlanCreated = defineEvent(
  'PlanCreated',
  1,
  z.object({
    planId: planIdSchema,
    schoolId: schoolIdSchema,
    docId: docIdSchema,
    title: planTitleSchema,
    grade: gradeSchema,
    subjects: subjectsSchema,
    team: z.array(memberIdSchema).min(1).max(30),
  }),
)
export const PlanTeamMemberAdded = defineEvent(
  'PlanTeamMemberAdded',
  1,
  z.object({ memberId: memberIdSchema }),
)
export const PlanTeamMemberRemoved = defineEvent(
  'PlanTeamMemberRemoved',
  1,
  z.object({ memberId: memberIdSchema }),
)
export const PlanStepMoved = defineEvent(
  'PlanStepMoved',
  1,
  z.object({ from: z.enum(planSteps), to: z.enum(planSteps) }),
)
export const PlanSubmitted = defineEvent(
  'PlanSubmitted',
  1,
  z.object({ note: z.string().max(2000).optional() }),
)
export const PlanFeedbackGiven = defineEvent(
  'PlanFeedbackGiven',
  1,
  z.object({ feedback: z.string().trim().min(1).max(5000) }),
)
export const PlanApproved = defineEvent(
  'PlanApproved',
  1,
  z.object({ note: z.string().max(2000).optional() }),
)
export const PlanRevisionStarted = defineEvent(
  'PlanRevisionStarted',
  1,
  z.object({ reason: z.string().trim().min(1).max(2000) }),
)
export const PlanArchived = defineEvent('PlanArchived', 1, z.object({}))

export const planEventDefinitions = {
  PlanCreated,
  PlanTeamMemberAdded,
  PlanTeamMemberRemoved,
  PlanStepMoved,
  PlanSubmitted,
  PlanFeedbackGiven,
  PlanApproved,
  PlanRevisionStarted,
  PlanArchived,
} as const

export type PlanEvent =
  | EventOf<typeof PlanCreated>
  | EventOf<typeof PlanTeamMemberAdded>
  | EventOf<typeof PlanTeamMemberRemoved>
  | EventOf<typeof PlanStepMoved>
  | EventOf<typeof PlanSubmitted>
  | EventOf<typeof PlanFeedbackGiven>
  | EventOf<typeof PlanApproved>
  | EventOf<typeof PlanRevisionStarted>
  | EventOf<typeof PlanArchived>
