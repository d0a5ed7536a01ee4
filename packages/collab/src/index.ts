export { type DocJson, docToJson, type RootKind } from './doc-json.js'
export * from './lesson-plan.js'
export { rebuildDoc } from './rebuild.js'
export { checkUpdate, ownBytes, type UpdateCheck } from './update-check.js'
