export * from './group-events.js'
export * from './learning-group.js'
