export * from './item-review.js'
export * from './item-review-events.js'
