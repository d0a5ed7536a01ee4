import { researchStreamPrefix } from './action-research/research-events.js'
import { decisionStreamPrefix, meetingStreamPrefix } from './decision/index.js'

/**
 * The streams of school records (meetings, decisions, the collaboration practices) whose every event carries its
 * school in the metadata. Each event on them is announced live to its school as `records:changed` with the kind.
 */
export const recordStreams: readonly { prefix: string; kind: string }[] = [
  { prefix: meetingStreamPrefix, kind: 'meeting' },
  { prefix: decisionStreamPrefix, kind: 'decision' },
  { prefix: researchStreamPrefix, kind: 'research' },
]

/** The record stream an event belongs to, if any. */
export function recordStreamOf(streamId: string): { prefix: string; kind: string } | undefined {
  return recordStreams.find((record) => streamId.startsWith(record.prefix))
}
