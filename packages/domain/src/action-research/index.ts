export * from './research.js'
export * from './research-events.js'
export * from './results.js'
