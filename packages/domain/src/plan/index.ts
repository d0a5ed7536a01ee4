export * from './plan.js'
export * from './plan-events.js'
