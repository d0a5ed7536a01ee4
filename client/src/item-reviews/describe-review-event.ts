import type { DecisionEventView } from '../decisions/types.js'
import type { Words } from '../decisions/words.js'

export interface ReviewEventContext {
  nameOf: (memberId: string) => string
  /** The number of an item, by its id. */
  numberOf: (itemId: string) => number | string
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '')

/** One event of an item review in words: "Pak Budi menandai soal 2: Perlu direvisi". */
export function describeReviewEvent(
  event: DecisionEventView,
  words: Words,
  context: ReviewEventContext,
): string {
  const actor = event.actorName || event.actorId
  const data = event.data
  const say = (params: Record<string, unknown> = {}) =>
    words.t(`itemReviews.events.${event.type}`, { actor, ...params })
  switch (event.type) {
    case 'ItemReviewStarted':
      return say({ name: `${text(data.testName)} · ${text(data.subject)} ${text(data.className)}` })
    case 'ItemReviewerAdded':
      return say({ member: context.nameOf(text(data.memberId)) })
    case 'ReviewItemAdded':
      return say({ number: Number(data.number) })
    case 'ReviewItemCommented':
      return say({ number: context.numberOf(text(data.itemId)), text: text(data.text) })
    case 'ReviewItemStatusSet':
      return say({
        number: context.numberOf(text(data.itemId)),
        status: words.t(`itemReviews.statuses.${text(data.status)}`),
      })
    case 'ItemReviewFinished':
      return say()
    default:
      return words.t('itemReviews.events.other', { actor, type: event.type })
  }
}
