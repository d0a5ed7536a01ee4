import { z } from 'zod'
import { isoDateSchema } from '../decision/meeting-events.js'
import { docIdSchema } from '../documents.js'
import { defineEvent, type EventOf } from '../events.js'
import { idSchemaOf } from '../ids.js'
import { memberIdSchema, schoolIdSchema } from '../school/school-events.js'

export const itemReviewIdSchema = idSchemaOf('a review id')
export const reviewItemIdSchema = idSchemaOf('an item id')
export const itemCommentIdSchema = idSchemaOf('a comment id')

/** Where an item stands: written, sent back for revision, agreed by the reviewers, or left out of the test. */
export const itemStatuses = ['draft', 'revise', 'agreed', 'dropped'] as const
export type ItemStatus = (typeof itemStatuses)[number]

/** Labels for the interface, Bahasa Indonesia first. */
export const itemStatusLabels: Record<ItemStatus, { id: string; en: string }> = {
  draft: { id: 'Draf', en: 'Draft' },
  revise: { id: 'Perlu direvisi', en: 'Needs revision' },
  agreed: { id: 'Disepakati', en: 'Agreed' },
  dropped: { id: 'Dibuang', en: 'Dropped' },
}

export const reviewDetailsSchema = z.object({
  testName: z.string().trim().min(1).max(200),
  subject: z.string().trim().min(1).max(100),
  className: z.string().trim().min(1).max(60),
  testDate: isoDateSchema,
})

export const itemReviewStreamPrefix = 'itemreview-'
export const itemReviewStream = (reviewId: string): string => `${itemReviewStreamPrefix}${reviewId}`
/** The shared document holding the items' question texts. */
export const itemReviewDocPrefix = 'soal-'

export const ItemReviewStarted = defineEvent(
  'ItemReviewStarted',
  1,
  reviewDetailsSchema.extend({
    reviewId: itemReviewIdSchema,
    schoolId: schoolIdSchema,
    docId: docIdSchema,
    reviewers: z.array(memberIdSchema).min(1).max(30),
  }),
)
export const ItemReviewerAdded = defineEvent('ItemReviewerAdded', 1, z.object({ memberId: memberIdSchema }))
/** A new item: its question text lives in the review's document, under the item's id. */
export const ReviewItemAdded = defineEvent(
  'ReviewItemAdded',
  1,
  z.object({ itemId: reviewItemIdSchema, number: z.number().int().positive().max(500) }),
)
export const ReviewItemCommented = defineEvent(
  'ReviewItemCommented',
  1,
  z.object({
    itemId: reviewItemIdSchema,
    commentId: itemCommentIdSchema,
    memberId: memberIdSchema,
    text: z.string().trim().min(1).max(3000),
  }),
)
export const ReviewItemStatusSet = defineEvent(
  'ReviewItemStatusSet',
  1,
  z.object({ itemId: reviewItemIdSchema, status: z.enum(itemStatuses) }),
)
export const ItemReviewFinished = defineEvent('ItemReviewFinished', 1, z.object({}))

export const itemReviewEventDefinitions = {
  ItemReviewStarted,
  ItemReviewerAdded,
  ReviewItemAdded,
  ReviewItemCommented,
  ReviewItemStatusSet,
  ItemReviewFinished,
} as const

export type ItemReviewEvent =
  | EventOf<typeof ItemReviewStarted>
  | EventOf<typeof ItemReviewerAdded>
  | EventOf<typeof ReviewItemAdded>
  | EventOf<typeof ReviewItemCommented>
  | EventOf<typeof ReviewItemStatusSet>
  | EventOf<typeof ItemReviewFinished>
