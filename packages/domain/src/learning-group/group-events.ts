import { z } from 'zod'
import { isoDateSchema, timeOfDaySchema } from '../decision/meeting-events.js'
import { defineEvent, type EventOf } from '../events.js'
import { idSchemaOf } from '../ids.js'
import { memberIdSchema, schoolIdSchema } from '../school/school-events.js'

export const groupIdSchema = idSchemaOf('a group id')
export const groupMeetingIdSchema = idSchemaOf('a group meeting id')
export const groupNoteIdSchema = idSchemaOf('a note id')
export const groupNameSchema = z.string().trim().min(1).max(200)

/** KKG (primary school working group), MGMP (subject teachers' forum), or a school's own learning group. */
export const groupKinds = ['kkg', 'mgmp', 'study'] as const
export type GroupKind = (typeof groupKinds)[number]

/** What brings the group together: a family of subjects, where its teachers are, or shared interest. */
export const groupBases = ['subject', 'geography', 'affinity'] as const
export type GroupBasis = (typeof groupBases)[number]

/** A month of the school year, YYYY-MM: the monthly forum the group reports to. */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month is written YYYY-MM')

const textSchema = (max: number) => z.string().trim().min(1).max(max)
const indicatorsSchema = z.array(textSchema(500)).min(1).max(20)

export const milestoneSchema = z.object({ date: isoDateSchema, text: textSchema(300) })

export const actionPlanSchema = z
  .object({
    purpose: textSchema(2000),
    processIndicators: indicatorsSchema,
    resultIndicators: indicatorsSchema,
    responsible: memberIdSchema,
    start: isoDateSchema,
    end: isoDateSchema,
    milestones: z.array(milestoneSchema).max(20),
    resources: z.string().trim().max(2000),
  })
  .refine((plan) => plan.start <= plan.end, { message: 'the plan ends before it starts', path: ['end'] })
export type ActionPlan = z.infer<typeof actionPlanSchema>

export const groupReportSchema = z.object({
  month: monthSchema,
  done: textSchema(3000),
  results: textSchema(3000),
  needs: z.string().trim().max(3000),
})
export type GroupReport = z.infer<typeof groupReportSchema>

export const groupStreamPrefix = 'group-'
export const groupStream = (groupId: string): string => `${groupStreamPrefix}${groupId}`

export const GroupFormed = defineEvent(
  'GroupFormed',
  1,
  z.object({
    groupId: groupIdSchema,
    schoolId: schoolIdSchema,
    name: groupNameSchema,
    kind: z.enum(groupKinds),
    basis: z.enum(groupBases),
    /** The subject family, the area, or the shared interest, in the school's own words. */
    focus: z.string().trim().max(200),
    members: z.array(memberIdSchema).min(1).max(60),
    leader: memberIdSchema,
  }),
)
export const GroupMemberJoined = defineEvent('GroupMemberJoined', 1, z.object({ memberId: memberIdSchema }))
export const GroupMemberLeft = defineEvent('GroupMemberLeft', 1, z.object({ memberId: memberIdSchema }))
export const GroupLeaderNamed = defineEvent('GroupLeaderNamed', 1, z.object({ memberId: memberIdSchema }))
/** The whole action plan as it now stands; a later one replaces it, the earlier stays in the log. */
export const GroupActionPlanSet = defineEvent('GroupActionPlanSet', 1, actionPlanSchema)
export const GroupMeetingScheduled = defineEvent(
  'GroupMeetingScheduled',
  1,
  z.object({
    meetingId: groupMeetingIdSchema,
    date: isoDateSchema,
    time: timeOfDaySchema,
    place: textSchema(200),
    topic: textSchema(300),
  }),
)
export const GroupAttendanceRecorded = defineEvent(
  'GroupAttendanceRecorded',
  1,
  z.object({ meetingId: groupMeetingIdSchema, memberId: memberIdSchema, present: z.boolean() }),
)
export const GroupMeetingNoteWritten = defineEvent(
  'GroupMeetingNoteWritten',
  1,
  z.object({
    meetingId: groupMeetingIdSchema,
    noteId: groupNoteIdSchema,
    memberId: memberIdSchema,
    text: textSchema(5000),
  }),
)
/** The group's report to the month's whole-school forum; a later one for the same month replaces it. */
export const GroupReportSubmitted = defineEvent('GroupReportSubmitted', 1, groupReportSchema)

export const groupEventDefinitions = {
  GroupFormed,
  GroupMemberJoined,
  GroupMemberLeft,
  GroupLeaderNamed,
  GroupActionPlanSet,
  GroupMeetingScheduled,
  GroupAttendanceRecorded,
  GroupMeetingNoteWritten,
  GroupReportSubmitted,
} as const

export type GroupEvent =
  | EventOf<typeof GroupFormed>
  | EventOf<typeof GroupMemberJoined>
  | EventOf<typeof GroupMemberLeft>
  | EventOf<typeof GroupLeaderNamed>
  | EventOf<typeof GroupActionPlanSet>
  | EventOf<typeof GroupMeetingScheduled>
  | EventOf<typeof GroupAttendanceRecorded>
  | EventOf<typeof GroupMeetingNoteWritten>
  | EventOf<typeof GroupReportSubmitted>
