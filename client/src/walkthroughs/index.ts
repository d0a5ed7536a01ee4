export * from './types.js'
export * from './walkthrough-actions.js'
export * from './walkthroughs-api.js'
