export * from './follow-up-loops.js'
export * from './walkthrough.js'
export * from './walkthrough-events.js'
export * from './walkthrough-privacy.js'
