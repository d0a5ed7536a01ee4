import * as Y from 'yjs'

export type UpdateCheck =
  | { ok: true; structs: (Y.Item | Y.GC | Y.Skip)[] }
  | { ok: false; problem: 'too-large' | 'malformed'; detail: string }

const malformed = (detail: string): UpdateCheck => ({ ok: false, problem: 'malformed', detail })
const safeRange = (clock: number, length: number) =>
  Number.isSafeInteger(clock) &&
  Number.isSafeInteger(length) &&
  length >= 0 &&
  clock >= 0 &&
  Number.isSafeInteger(clock + length)

/**
 * Decides whether a Yjs update (format v1) from a client may be applied: it must be within `maxBytes`, decode
 * completely (every struct, every piece of content, the delete set), keep every clock range within safe
 * integers, and refer from an item only to earlier clocks of its own client (Yjs assumes both and breaks,
 * throwing halfway through applying or silently corrupting later edits, when they do not hold). Nothing is
 * applied here; the decoded structs are returned for further checks.
 * Pass an update that owns its buffer (see `ownBytes`): the decoder reads views on the underlying buffer, so
 * a truncated update inside a larger buffer could otherwise read past its own end.
 */
export function checkUpdate(update: Uint8Array, maxBytes: number): UpdateCheck {
  if (update.byteLength > maxBytes) {
    return {
      ok: false,
      problem: 'too-large',
      detail: `update of ${update.byteLength} bytes exceeds ${maxBytes}`,
    }
  }
  try {
    const { structs, ds } = Y.decodeUpdate(ownBytes(update))
    for (const struct of structs) {
      if (!safeRange(struct.id.clock, struct.length))
        return malformed('struct with an impossible clock or length')
      if (struct instanceof Y.Item && refersForward(struct)) {
        return malformed('item that refers to a clock of its own client not before it')
      }
    }
    for (const deletes of ds.clients.values()) {
      for (const item of deletes) {
        if (!safeRange(item.clock, item.len)) return malformed('delete set with an impossible range')
      }
    }
    return { ok: true, structs }
  } catch (error) {
    return { ok: false, problem: 'malformed', detail: `update does not decode: ${(error as Error).message}` }
  }
}

function refersForward(item: Y.Item): boolean {
  const parent = item.parent instanceof Y.ID ? item.parent : null
  return [item.origin, item.rightOrigin, parent].some(
    (id) => id !== null && id.client === item.id.client && id.clock >= item.id.clock,
  )
}

/** The same bytes in a buffer of their own (no copy when the view already spans its whole buffer). */
export function ownBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice()
}
