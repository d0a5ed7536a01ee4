import { eventTypeFilter, type Filter, streamNameFilter } from '@kurrent/kurrentdb-client'
import { matchesFilter } from '../append-rules.js'
import { InvalidAppendError } from '../errors.js'
import type { EventFilter, NewEvent } from '../port.js'

/** Streams the adapter keeps for itself (subscriber checkpoints); never part of the log the port reads. */
export const internalStreamPrefix = 'rembuk-checkpoint-'

/** How a read of `$all` is filtered: `server` narrows what KurrentDB sends, `keep` decides exactly. */
export interface FilterPlan {
  server: Filter
  keep(streamId: string, type: string): boolean
}

const hiddenStreams = `^(?!\\$|${escapeRegex(internalStreamPrefix)})`

/** System events (a `$` stream or type) and the adapter's own streams are never read as the log. */
export function isVisible(streamId: string, type: string): boolean {
  return !streamId.startsWith('$') && !type.startsWith('$') && !streamId.startsWith(internalStreamPrefix)
}

/**
 * A server-side filter for `filter` that always leaves out system and internal streams: stream prefixes as
 * a stream-name regex (type prefixes then checked here), else type prefixes as an event-type regex. Undefined
 * when nothing can match (an empty list of prefixes).
 */
export function planFilter(filter: EventFilter | undefined): FilterPlan | undefined {
  const { streamPrefixes, typePrefixes } = filter ?? {}
  if (streamPrefixes?.length === 0 || typePrefixes?.length === 0) return undefined
  let server: Filter
  if (streamPrefixes) {
    server = streamNameFilter({ regex: `${hiddenStreams}${alternatives(streamPrefixes)}` })
  } else if (typePrefixes) {
    server = eventTypeFilter({ regex: `^${alternatives(typePrefixes)}` })
  } else {
    server = streamNameFilter({ regex: hiddenStreams })
  }
  return {
    server,
    keep: (streamId, type) => isVisible(streamId, type) && matchesFilter(filter, streamId, type),
  }
}

/** The filter that leaves only what the port may read: for the head of the log. */
export const visibleOnly = (): Filter => streamNameFilter({ regex: hiddenStreams })

/** Refuses what could be written but never read back: system names and the adapter's own streams. */
export function assertWritable(stream: string, events: readonly NewEvent[]): void {
  if (stream.startsWith('$') || stream.startsWith(internalStreamPrefix)) {
    throw new InvalidAppendError(`Stream ids starting with $ or ${internalStreamPrefix} are reserved`)
  }
  const reserved = events.find((event) => event.type.startsWith('$'))
  if (reserved)
    throw new InvalidAppendError(`Event type ${reserved.type}: types starting with $ are reserved`)
}

export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')
}

function alternatives(prefixes: readonly string[]): string {
  return `(?:${prefixes.map(escapeRegex).join('|')})`
}
