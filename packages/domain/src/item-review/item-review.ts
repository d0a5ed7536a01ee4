import { CommandRefused } from '../errors.js'
import { can, documentAccess } from '../school/permissions.js'
import type { Role } from '../school/roles.js'
import { assertMembers, type TeamActor } from '../team.js'
import type { ItemReviewEvent, ItemStatus } from './item-review-events.js'

export interface ReviewItem {
  itemId: string
  number: number
  status: ItemStatus
  comments: readonly { commentId: string; memberId: string; text: string }[]
}

/** Teachers reviewing the items of a test together before it is given (pembahasan soal). */
export interface ItemReview {
  reviewId: string
  schoolId: string
  docId: string
  testName: string
  subject: string
  className: string
  testDate: string
  reviewers: readonly string[]
  /** In the order they were added. */
  items: readonly ReviewItem[]
  finished: boolean
}

export type ItemReviewState = ItemReview | undefined

export type ItemReviewCommand =
  | {
      type: 'StartItemReview'
      reviewId: string
      schoolId: string
      docId: string
      testName: string
      subject: string
      className: string
      testDate: string
      reviewers: string[]
      /** The items it starts with, in order: started and numbered in the same append. */
      itemIds?: string[]
    }
  | { type: 'AddReviewer'; memberId: string }
  | { type: 'AddItem'; itemId: string }
  | { type: 'CommentOnItem'; itemId: string; commentId: string; text: string }
  | { type: 'SetItemStatus'; itemId: string; status: ItemStatus }
  | { type: 'FinishItemReview' }

type ItemReviewEventData = {
  [E in ItemReviewEvent as E['type']]: { type: E['type']; data: E['data'] }
}[ItemReviewEvent['type']]

const settled = (status: ItemStatus) => status === 'agreed' || status === 'dropped'

/** Every item agreed or dropped, and at least one item: the review may be finished. */
export const readyToFinish = (review: Pick<ItemReview, 'items'>): boolean =>
  review.items.length > 0 && review.items.every((item) => settled(item.status))

function withItem(state: ItemReview, itemId: string, change: (item: ReviewItem) => ReviewItem): ItemReview {
  return { ...state, items: state.items.map((item) => (item.itemId === itemId ? change(item) : item)) }
}

export function evolveItemReview(state: ItemReviewState, event: ItemReviewEventData): ItemReviewState {
  if (event.type === 'ItemReviewStarted') return { ...event.data, items: [], finished: false }
  if (!state) return state
  switch (event.type) {
    case 'ItemReviewerAdded':
      return { ...state, reviewers: [...state.reviewers, event.data.memberId] }
    case 'ReviewItemAdded':
      return { ...state, items: [...state.items, { ...event.data, status: 'draft', comments: [] }] }
    case 'ReviewItemCommented': {
      const { itemId: _, ...comment } = event.data
      return withItem(state, event.data.itemId, (item) => ({
        ...item,
        comments: [...item.comments, comment],
      }))
    }
    case 'ReviewItemStatusSet':
      return withItem(state, event.data.itemId, (item) => ({ ...item, status: event.data.status }))
    case 'ItemReviewFinished':
      return { ...state, finished: true }
  }
}

/** The reviewers do the review; the principal may always step in. */
/** The principal, and the reviewers whose role may edit a practice (a supervisor named by mistake only reads). */
export const reviewsItems = (
  review: Pick<ItemReview, 'reviewers'>,
  actor: { memberId: string; role: Role },
) =>
  actor.role === 'principal' ||
  (review.reviewers.includes(actor.memberId) && can(actor.role, 'edit', 'practice'))

export function decideItemReview(
  command: ItemReviewCommand,
  state: ItemReviewState,
  actor: TeamActor,
): ItemReviewEventData[] {
  if (command.type === 'StartItemReview') {
    if (state) throw new CommandRefused('conflict', 'This review exists already')
    if (actor.role !== 'teacher' && actor.role !== 'principal')
      throw refuse('Teachers or the principal start an item review')
    const reviewers = [
      ...new Set([...(actor.role === 'teacher' ? [actor.memberId] : []), ...command.reviewers]),
    ]
    if (reviewers.length === 0) throw new CommandRefused('invalid', 'Name at least one reviewer')
    assertMembers(reviewers, actor)
    const { type: _, itemIds = [], ...data } = command
    if (new Set(itemIds).size !== itemIds.length)
      throw new CommandRefused('invalid', 'An item is named twice')
    return [
      { type: 'ItemReviewStarted', data: { ...data, reviewers } },
      ...itemIds.map((itemId, index) => ({
        type: 'ReviewItemAdded' as const,
        data: { itemId, number: index + 1 },
      })),
    ]
  }
  if (!state) throw new CommandRefused('not_found', 'No such item review')
  if (state.finished) throw new CommandRefused('conflict', 'The item review is finished')
  switch (command.type) {
    case 'AddReviewer':
      if (!reviewsItems(state, actor)) throw refuse('Only the reviewers or the principal add a reviewer')
      assertMembers([command.memberId], actor)
      if (state.reviewers.includes(command.memberId)) return []
      return [{ type: 'ItemReviewerAdded', data: { memberId: command.memberId } }]
    case 'AddItem':
      if (!reviewsItems(state, actor)) throw refuse('Only the reviewers or the principal add items')
      if (state.items.some((item) => item.itemId === command.itemId))
        throw new CommandRefused('conflict', 'This item exists already')
      return [{ type: 'ReviewItemAdded', data: { itemId: command.itemId, number: state.items.length + 1 } }]
    case 'CommentOnItem': {
      if (!can(actor.role, 'comment', 'practice')) throw refuse(`A ${actor.role} may not comment`)
      const item = requireItem(state, command.itemId)
      if (item.comments.some((comment) => comment.commentId === command.commentId))
        throw new CommandRefused('conflict', 'This comment exists already')
      const { itemId, commentId, text } = command
      return [{ type: 'ReviewItemCommented', data: { itemId, commentId, memberId: actor.memberId, text } }]
    }
    case 'SetItemStatus': {
      if (!reviewsItems(state, actor)) throw refuse('Only the reviewers or the principal set an item status')
      const item = requireItem(state, command.itemId)
      if (item.status === command.status) return []
      return [{ type: 'ReviewItemStatusSet', data: { itemId: command.itemId, status: command.status } }]
    }
    case 'FinishItemReview':
      if (!reviewsItems(state, actor)) throw refuse('Only the reviewers or the principal finish the review')
      if (!readyToFinish(state))
        throw new CommandRefused(
          'conflict',
          'Every item must be agreed or dropped before the review is finished',
        )
      return [{ type: 'ItemReviewFinished', data: {} }]
  }
}

/** The reviewers and the principal write the items until the review is finished; everyone else reads. */
export function itemReviewDocumentAccess(
  review: Pick<ItemReview, 'reviewers' | 'finished'>,
  member: { memberId: string; role: Role },
): 'none' | 'read' | 'write' {
  const access = documentAccess(member.role)
  if (access !== 'write') return access
  return reviewsItems(review, member) && !review.finished ? 'write' : 'read'
}

function requireItem(review: ItemReview, itemId: string): ReviewItem {
  const item = review.items.find((candidate) => candidate.itemId === itemId)
  if (!item) throw new CommandRefused('not_found', 'The review has no such item')
  return item
}

function refuse(message: string): CommandRefused {
  return new CommandRefused('forbidden', message)
}
