import { researchStreamPrefix } from './action-research/research-events.js'
import { decisionStreamPrefix, meetingStreamPrefix } from './decision/index.js'
import { itemReviewStreamPrefix } from './item-review/index.js'
import { groupStreamPrefix } from './learning-group/index.js'
import { teachingStreamPrefix } from './team-teaching/index.js'
import { walkthroughStreamPrefix } from './walkthrough/walkthrough-events.js'

export interface RecordStream {
  prefix: string
  kind: string
  /** Its event types alone tell what not everyone may know (a private note was written, a score was given). */
  privateTypes?: true
}

/**
 * The streams of school records (meetings, decisions, the collaboration practices) whose every event carries its
 * school in the metadata. Each event on them is announced live to its school as `records:changed` with the kind,
 * the record's id and, unless the stream's types are private, the event type.
 */
export const recordStreams: readonly RecordStream[] = [
  { prefix: meetingStreamPrefix, kind: 'meeting' },
  { prefix: decisionStreamPrefix, kind: 'decision' },
  { prefix: teachingStreamPrefix, kind: 'teaching' },
  { prefix: walkthroughStreamPrefix, kind: 'walkthrough', privateTypes: true },
  { prefix: groupStreamPrefix, kind: 'group' },
  { prefix: itemReviewStreamPrefix, kind: 'item-review' },
  { prefix: researchStreamPrefix, kind: 'research', privateTypes: true },
]

/** The record stream an event belongs to, if any. */
export function recordStreamOf(streamId: string): RecordStream | undefined {
  return recordStreams.find((record) => streamId.startsWith(record.prefix))
}
