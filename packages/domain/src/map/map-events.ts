import { z } from 'zod'
import { docIdSchema } from '../documents.js'
import { defineEvent, type EventOf } from '../events.js'
import { idSchemaOf } from '../ids.js'
import { memberIdSchema, schoolIdSchema } from '../school/school-events.js'

export const mapIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a map id is 1-64 letters, digits, "-" or "_"')
export const mapTitleSchema = z.string().trim().min(1).max(200)
export const templateIdSchema = z.string().regex(/^[a-z0-9-]{1,40}$/)

export const changeIdSchema = idSchemaOf('a change id')
export const mapLaneIdSchema = idSchemaOf('a lane id')
export const changeSummarySchema = z.string().trim().min(1).max(500)

/** The shared activity at the centre of a map, as its document holds it. */
export const activitySnapshotSchema = z.object({
  title: z.string().max(1000),
  description: z.string().max(20_000),
})

/** A lane flagged for review, and who is to review it: its teacher when the name is a member's. */
export const reviewLaneSchema = z.object({
  laneId: mapLaneIdSchema,
  subject: z.string().max(500),
  teacherId: memberIdSchema.nullable(),
  teacherName: z.string().max(500),
})

export const mapStreamPrefix = 'map-'
export const mapStream = (mapId: string): string => `${mapStreamPrefix}${mapId}`

export const MapCreated = defineEvent(
  'MapCreated',
  1,
  z.object({
    mapId: mapIdSchema,
    schoolId: schoolIdSchema,
    docId: docIdSchema,
    title: mapTitleSchema,
    template: templateIdSchema.nullable(),
    team: z.array(memberIdSchema).min(1).max(30),
  }),
)
export const MapTeamMemberAdded = defineEvent('MapTeamMemberAdded', 1, z.object({ memberId: memberIdSchema }))
export const MapTeamMemberRemoved = defineEvent(
  'MapTeamMemberRemoved',
  1,
  z.object({ memberId: memberIdSchema }),
)
export const MapArchived = defineEvent('MapArchived', 1, z.object({}))
export const ActivityChangeAnnounced = defineEvent(
  'ActivityChangeAnnounced',
  1,
  z.object({
    changeId: changeIdSchema,
    announcedBy: memberIdSchema,
    summary: changeSummarySchema,
    before: activitySnapshotSchema,
    after: activitySnapshotSchema,
    docRevision: z.number().int().nonnegative(),
    lanes: z.array(reviewLaneSchema).min(1).max(100),
  }),
)
export const LaneChangeAcknowledged = defineEvent(
  'LaneChangeAcknowledged',
  1,
  z.object({ changeId: changeIdSchema, laneId: mapLaneIdSchema, memberId: memberIdSchema }),
)

export const mapEventDefinitions = {
  MapCreated,
  MapTeamMemberAdded,
  MapTeamMemberRemoved,
  MapArchived,
  ActivityChangeAnnounced,
  LaneChangeAcknowledged,
} as const

export type MapEvent =
  | EventOf<typeof MapCreated>
  | EventOf<typeof MapTeamMemberAdded>
  | EventOf<typeof MapTeamMemberRemoved>
  | EventOf<typeof MapArchived>
  | EventOf<typeof ActivityChangeAnnounced>
  | EventOf<typeof LaneChangeAcknowledged>
