export * from './doc-history.js'
export * from './documents.js'
export * from './events.js'
export * from './metadata.js'
