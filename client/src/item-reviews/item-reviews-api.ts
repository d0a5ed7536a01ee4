import type { ItemReview, ItemStatus } from '@rembuk/domain'
import { api, apiWithOfflineCopy } from '../api/http.js'
import type { DecisionEventView } from '../decisions/types.js'

/** A review as the server shows it: its state, with an id and when it was started and last changed. */
export type ItemReviewView = ItemReview & { id: string; created: string; updated: string }
/** With each item's question text as stored, and every event of the review. */
export type ItemReviewDetail = ItemReviewView & { texts: Record<string, string>; events: DecisionEventView[] }

export interface NewItemReview {
  testName: string
  subject: string
  className: string
  testDate: string
  reviewers: string[]
  items: string[]
}

const reviewPath = (reviewId: string) => `/api/item-reviews/${encodeURIComponent(reviewId)}`
const itemPath = (reviewId: string, itemId: string) =>
  `${reviewPath(reviewId)}/items/${encodeURIComponent(itemId)}`

export const itemReviewsApi = {
  list: () => apiWithOfflineCopy<ItemReviewView[]>('/api/item-reviews'),
  get: (reviewId: string) => apiWithOfflineCopy<ItemReviewDetail>(reviewPath(reviewId)),
  start: (body: NewItemReview) => api<ItemReviewView>('/api/item-reviews', { body }),
  addReviewer: (reviewId: string, memberId: string) =>
    api<ItemReviewView>(`${reviewPath(reviewId)}/reviewers`, { body: { memberId } }),
  addItem: (reviewId: string) => api<ItemReviewView>(`${reviewPath(reviewId)}/items`, { method: 'POST' }),
  comment: (reviewId: string, itemId: string, text: string) =>
    api<ItemReviewView>(`${itemPath(reviewId, itemId)}/comments`, { body: { text } }),
  setStatus: (reviewId: string, itemId: string, status: ItemStatus) =>
    api<ItemReviewView>(`${itemPath(reviewId, itemId)}/status`, { body: { status } }),
  finish: (reviewId: string) => api<ItemReviewView>(`${reviewPath(reviewId)}/finish`, { method: 'POST' }),
}
