import { researchMessages } from '../action-research/messages.js'
import { itemReviewMessages } from '../item-reviews/messages.js'
import { groupMessages } from '../learning-groups/messages.js'
import { teachingMessages } from '../team-teaching/messages.js'
import { walkthroughMessages } from '../walkthroughs/messages.js'

const practices = {
  teaching: teachingMessages,
  walkthroughs: walkthroughMessages,
  groups: groupMessages,
  itemReviews: itemReviewMessages,
  research: researchMessages,
}

/** The texts of the collaboration practices in one locale, keyed as the screens use them. */
export function practiceMessages(locale: 'id' | 'en'): Record<string, unknown> {
  return Object.fromEntries(Object.entries(practices).map(([key, messages]) => [key, messages[locale]]))
}
