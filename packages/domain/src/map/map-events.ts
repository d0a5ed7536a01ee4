import { z } from 'zod'
import { docIdSchema } from '../documents.js'
import { defineEvent, type EventOf } from '../events.js'
import { memberIdSchema, schoolIdSchema } from '../school/school-events.js'

export const mapIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a map id is 1-64 letters, digits, "-" or "_"')
export const mapTitleSchema = z.string().trim().min(1).max(200)
export const templateIdSchema = z.string().regex(/^[a-z0-9-]{1,40}$/)

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

export const mapEventDefinitions = {
  MapCreated,
  MapTeamMemberAdded,
  MapTeamMemberRemoved,
  MapArchived,
} as const

export type MapEvent =
  | EventOf<typeof MapCreated>
  | EventOf<typeof MapTeamMemberAdded>
  | EventOf<typeof MapTeamMemberRemoved>
  | EventOf<typeof MapArchived>
