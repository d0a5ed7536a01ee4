import { z } from 'zod'
import { docIdSchema } from '../documents.js'
import { defineEvent, type EventOf } from '../events.js'
import { idSchemaOf } from '../ids.js'
import { groupIdSchema, groupMeetingIdSchema } from '../learning-group/group-events.js'
import { mapIdSchema } from '../map/map-events.js'
import { planIdSchema } from '../plan/plan-events.js'
import { memberIdSchema, schoolIdSchema } from '../school/school-events.js'
import { agendaKeySchema, isoDateSchema, meetingIdSchema } from './meeting-events.js'

export const decisionIdSchema = idSchemaOf('a decision id')
export const optionIdSchema = idSchemaOf('an option id')
export const commentIdSchema = idSchemaOf('a comment id')
/** A part of a plan's document (a root such as `goals` or `step-indicators`) or of a map lane. */
export const planFieldSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,63}$/, 'a field is 1-64 lowercase letters, digits or "-"')
export const laneIdSchema = idSchemaOf('a lane id')

export const decisionTitleSchema = z.string().trim().min(1).max(200)
export const decisionTextSchema = z.string().trim().min(1).max(5000)
const shortTextSchema = z.string().trim().max(2000)

/**
 * What a decision is about: a plan, one field of it, an activity map, one lane of it, or a teacher learning
 * group (and the group's meeting that raised it).
 */
export const decisionLinkSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('plan'), planId: planIdSchema }),
  z.object({ kind: z.literal('plan-field'), planId: planIdSchema, field: planFieldSchema }),
  z.object({ kind: z.literal('map'), mapId: mapIdSchema }),
  z.object({ kind: z.literal('map-lane'), mapId: mapIdSchema, laneId: laneIdSchema }),
  z.object({
    kind: z.literal('group'),
    groupId: groupIdSchema,
    groupMeetingId: groupMeetingIdSchema.optional(),
  }),
])
export type DecisionLink = z.infer<typeof decisionLinkSchema>

/** Agree, stand aside, disagree, or block: a block stops the outcome until the principal has mediated. */
export const decisionPositions = ['agree', 'abstain', 'disagree', 'block'] as const
export type DecisionPosition = (typeof decisionPositions)[number]

export const decisionOutcomes = ['accepted', 'rejected', 'deferred'] as const
export type DecisionOutcome = (typeof decisionOutcomes)[number]

export const decisionStreamPrefix = 'decision-'
export const decisionStream = (decisionId: string): string => `${decisionStreamPrefix}${decisionId}`

export const ProposalRaised = defineEvent(
  'ProposalRaised',
  1,
  z.object({
    decisionId: decisionIdSchema,
    schoolId: schoolIdSchema,
    proposedBy: memberIdSchema,
    title: decisionTitleSchema,
    text: decisionTextSchema,
    meetingId: meetingIdSchema.nullable(),
    agendaKey: agendaKeySchema.nullable(),
    links: z.array(decisionLinkSchema).max(20),
  }),
)
export const OptionAdded = defineEvent(
  'OptionAdded',
  1,
  z.object({ optionId: optionIdSchema, text: z.string().trim().min(1).max(1000) }),
)
export const CommentAdded = defineEvent(
  'CommentAdded',
  1,
  z.object({ commentId: commentIdSchema, memberId: memberIdSchema, text: decisionTextSchema }),
)
export const PositionTaken = defineEvent(
  'PositionTaken',
  1,
  z.object({ memberId: memberIdSchema, position: z.enum(decisionPositions), reason: shortTextSchema }),
)
export const MediationNoted = defineEvent('MediationNoted', 1, z.object({ text: decisionTextSchema }))
export const OutcomeRecorded = defineEvent(
  'OutcomeRecorded',
  1,
  z.object({
    outcome: z.enum(decisionOutcomes),
    optionId: optionIdSchema.optional(),
    rationale: decisionTextSchema,
    reviewDate: isoDateSchema.optional(),
  }),
)
export const DecisionRevisited = defineEvent(
  'DecisionRevisited',
  1,
  z.object({ reason: z.string().trim().min(1).max(2000) }),
)
export const ChangeLinked = defineEvent(
  'ChangeLinked',
  1,
  z.object({ docId: docIdSchema, revision: z.number().int().nonnegative(), note: shortTextSchema }),
)

export const decisionEventDefinitions = {
  ProposalRaised,
  OptionAdded,
  CommentAdded,
  PositionTaken,
  MediationNoted,
  OutcomeRecorded,
  DecisionRevisited,
  ChangeLinked,
} as const

export type DecisionEvent =
  | EventOf<typeof ProposalRaised>
  | EventOf<typeof OptionAdded>
  | EventOf<typeof CommentAdded>
  | EventOf<typeof PositionTaken>
  | EventOf<typeof MediationNoted>
  | EventOf<typeof OutcomeRecorded>
  | EventOf<typeof DecisionRevisited>
  | EventOf<typeof ChangeLinked>
