export * from './permissions.js'
export * from './roles.js'
export * from './school.js'
export * from './school-events.js'
