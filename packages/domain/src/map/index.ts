export * from './activity-change.js'
export * from './activity-map.js'
export * from './map-events.js'
