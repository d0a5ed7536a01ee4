import type { Pool } from 'pg'
import { appendChannel } from './schema.js'

/** What an append tells listening stores: its stream and event types (left out: any type). */
export interface AppendNotice {
  stream: string
  types?: string[]
}

/** NOTIFY refuses payloads of 8000 bytes or more. */
const maxPayloadBytes = 7900

export function encodeAppendNotice(stream: string, types: readonly string[]): string {
  const payload = JSON.stringify({ stream, types: [...new Set(types)] })
  return Buffer.byteLength(payload) <= maxPayloadBytes ? payload : JSON.stringify({ stream })
}

export function decodeAppendNotice(payload: string): AppendNotice | undefined {
  try {
    const notice = JSON.parse(payload) as AppendNotice
    if (typeof notice?.stream !== 'string') return undefined
    if (notice.types !== undefined && !Array.isArray(notice.types)) return undefined
    return notice
  } catch {
    return undefined
  }
}

/**
 * Sent once the append has committed, in a transaction of its own that does not wait for the disk: NOTIFY
 * holds a cluster-wide lock until its transaction has committed, so inside the append it would make every
 * append wait for the others' flushes.
 */
export async function sendAppendNotice(pool: Pool, payload: string): Promise<void> {
  await pool.query("SELECT set_config('synchronous_commit', 'off', true), pg_notify($1, $2)", [
    appendChannel,
    payload,
  ])
}
