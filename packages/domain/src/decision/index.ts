export * from './decision.js'
export * from './decision-events.js'
export * from './meeting.js'
export * from './meeting-events.js'
