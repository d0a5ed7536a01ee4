import * as Y from 'yjs'

export type UpdateCheck = { ok: true } | { ok: false; problem: 'too-large' | 'malformed'; detail: string }

/**
 * Decides whether a Yjs update (format v1) from a client may be applied: it must be within `maxBytes` and
 * decode completely (every struct, every piece of content, the delete set). Nothing is applied here.
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
      if (
        !Number.isSafeInteger(struct.id.clock) ||
        struct.length < 0 ||
        !Number.isSafeInteger(struct.length)
      ) {
        return { ok: false, problem: 'malformed', detail: 'struct with an impossible clock or length' }
      }
    }
    for (const deletes of ds.clients.values()) {
      for (const item of deletes) {
        if (!Number.isSafeInteger(item.clock) || !Number.isSafeInteger(item.len) || item.len < 0) {
          return { ok: false, problem: 'malformed', detail: 'delete set with an impossible range' }
        }
      }
    }
    return { ok: true }
  } catch (error) {
    return { ok: false, problem: 'malformed', detail: `update does not decode: ${(error as Error).message}` }
  }
}

/** The same bytes in a buffer of their own (no copy when the view already spans its whole buffer). */
export function ownBytes(bytes: Uint8Array): Uint8Array {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes : bytes.slice()
}
