import { z } from 'zod'

const id = z.string().min(1).max(200)

/** Who did it and why: stored with every event, beside the event's own data. */
export const eventMetadataSchema = z.object({
  actorId: id,
  actorName: z.string().max(200).optional(),
  schoolId: id.optional(),
  correlationId: id.optional(),
  causationId: id.optional(),
  schemaVersion: z.number().int().positive().optional(),
})

export type EventMetadata = z.infer<typeof eventMetadataSchema>
