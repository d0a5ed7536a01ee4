export * from './activity-map.js'
export * from './map-events.js'
