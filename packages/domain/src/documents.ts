import { z } from 'zod'
import { defineEvent, type EventOf } from './events.js'

/** Document ids appear in URLs and stream names: letters, digits, '-' and '_' only. */
export const docIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,128}$/, 'a document id is 1-128 letters, digits, "-" or "_"')

export const docStreamPrefix = 'doc-'

export function docStream(docId: string): string {
  return `${docStreamPrefix}${docId}`
}

/**
 * One or more Yjs updates from one actor, merged. The payload is the Yjs update (format v1); `updates`
 * counts the client updates merged into it.
 */
export const DocUpdated = defineEvent(
  'DocUpdated',
  1,
  z.object({
    docId: docIdSchema,
    updates: z.number().int().positive(),
    bytes: z.number().int().nonnegative(),
  }),
  'required',
)
export type DocUpdated = EventOf<typeof DocUpdated>

/**
 * The document was set back to the content it had at `restoredRevision`. The payload is the Yjs update that,
 * applied on top of the state before this event, yields that content: history is kept, never rewritten.
 */
export const DocRestored = defineEvent(
  'DocRestored',
  1,
  z.object({
    docId: docIdSchema,
    restoredRevision: z.number().int().nonnegative(),
    bytes: z.number().int().nonnegative(),
  }),
  'required',
)
export type DocRestored = EventOf<typeof DocRestored>

export type DocEvent = DocUpdated | DocRestored

/** Event types whose payload is a Yjs update to apply in order to rebuild the document. */
export const docContentEventTypes: readonly string[] = [DocUpdated.type, DocRestored.type]

export const versionNameSchema = z.string().trim().min(1).max(120)

/** The names given to a document's revisions live beside its content, in a stream of their own. */
export const docVersionsStream = (docId: string): string => `docversions-${docId}`

/** Someone named a revision of a document ("after the March meeting"), to find and compare it later. */
export const VersionNamed = defineEvent(
  'VersionNamed',
  1,
  z.object({ docId: docIdSchema, revision: z.number().int().nonnegative(), name: versionNameSchema }),
)
export type VersionNamed = EventOf<typeof VersionNamed>
