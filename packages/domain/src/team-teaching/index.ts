export * from './teaching-events.js'
export * from './teaching-models.js'
export * from './teaching-record.js'
export * from './team-teaching.js'
