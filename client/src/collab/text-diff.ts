export interface TextChange {
  index: number
  remove: number
  insert: string
}

/** A change to a Y.Text in its event's delta form: retain, delete or insert, left to right. */
export type TextDelta = ReadonlyArray<{ insert?: unknown; retain?: number; delete?: number }>

const isHighSurrogate = (code: number) => code >= 0xd800 && code <= 0xdbff
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff

/**
 * The one replacement that turns `before` into `after` (common prefix and suffix kept), never splitting a
 * surrogate pair; null when they are equal. Indices are UTF-16 code units, as in Y.Text.
 */
export function diffText(before: string, after: string): TextChange | null {
  if (before === after) return null
  const shorter = Math.min(before.length, after.length)
  let prefix = 0
  while (prefix < shorter && before.charCodeAt(prefix) === after.charCodeAt(prefix)) prefix++
  if (prefix > 0 && isHighSurrogate(before.charCodeAt(prefix - 1))) prefix--
  let suffix = 0
  while (
    suffix < shorter - prefix &&
    before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)
  ) {
    suffix++
  }
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--
  return {
    index: prefix,
    remove: before.length - prefix - suffix,
    insert: after.slice(prefix, after.length - suffix),
  }
}

/**
 * Where a caret at `caret` ends up once `delta` is applied: moved by what is inserted or deleted before it.
 * Text inserted exactly at the caret goes after it.
 */
export function shiftCaret(caret: number, delta: TextDelta): number {
  let position = 0
  let shifted = caret
  for (const op of delta) {
    if (position >= caret) break
    if (op.retain) {
      position += op.retain
    } else if (op.delete) {
      shifted -= Math.min(op.delete, caret - position)
      position += op.delete
    } else if (typeof op.insert === 'string') {
      shifted += op.insert.length
    }
  }
  return shifted
}
