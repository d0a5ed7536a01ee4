import { createHash } from 'node:crypto'
import type { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { EventStore } from '@rembuk/event-store'
import { base64, type ExportSummary, format, type Line, type SideTables, version } from './transfer-format.js'

/**
 * Writes the whole log as NDJSON, one event a line in log order up to the head at the start, then the side
 * tables, then an end line with the counts and the SHA-256 of every line before it. Ends `out`.
 */
export async function exportLog(
  store: EventStore,
  out: Writable,
  side: SideTables = {},
): Promise<ExportSummary> {
  const hash = createHash('sha256')
  const counts = { events: 0, credentials: 0, invitations: 0, snapshots: 0 }
  const streams = new Set<string>()
  let bytes = 0
  let summary: ExportSummary | undefined
  const text = (line: Line, hashed = true) => {
    const written = `${JSON.stringify(line)}\n`
    if (hashed) hash.update(written)
    bytes += Buffer.byteLength(written)
    return written
  }
  async function* lines(): AsyncGenerator<string> {
    const head = await store.headPosition()
    const headPosition = String(head)
    const exportedAt = new Date().toISOString()
    yield text({ kind: 'header', format, version, store: store.kind, headPosition, exportedAt })
    for await (const event of store.readAll({ untilPosition: head })) {
      streams.add(event.streamId)
      counts.events += 1
      yield text({
        kind: 'event',
        streamId: event.streamId,
        revision: String(event.revision),
        position: String(event.position),
        id: event.id,
        type: event.type,
        data: event.data,
        metadata: event.metadata,
        created: event.created.toISOString(),
        payload: event.payload ? base64(event.payload) : null,
      })
    }
    for (const credential of side.credentials ?? []) {
      counts.credentials += 1
      yield text({ kind: 'credential', ...credential })
    }
    for (const { expires, ...invitation } of side.invitations ?? []) {
      counts.invitations += 1
      yield text({ kind: 'invitation', ...invitation, expires: expires.toISOString() })
    }
    for (const { key, revision, state } of side.snapshots ?? []) {
      counts.snapshots += 1
      yield text({ kind: 'snapshot', key, revision: String(revision), state: base64(state) })
    }
    const end = { ...counts, streams: streams.size, headPosition, sha256: hash.digest('hex') }
    yield text({ kind: 'end', ...end }, false)
    summary = { ...end, bytes }
  }
  await pipeline(lines(), out)
  if (!summary) throw new Error('The export stopped before its end')
  return summary
}
