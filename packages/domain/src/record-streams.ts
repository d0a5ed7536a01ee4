import { researchStreamPrefix } from './action-research/research-events.js'
import { decisionStreamPrefix, meetingStreamPrefix } from './decision/index.js'
import { itemReviewStreamPrefix } from './item-review/index.js'
import { groupStreamPrefix } from './learning-group/index.js'
import { teachingStreamPrefix } from './team-teaching/index.js'
import { walkthroughStreamPrefix } from './walkthrough/walkthrough-events.js'

/**
 * The streams of school records (meetings, decisions, the collaboration practices) whose every event carries its
 * school in the metadata. Each event on them is announced live to its school as `records:changed` with the kind.
 */
export const recordStreams: readonly { prefix: string; kind: string }[] = [
  { prefix: meetingStreamPrefix, kind: 'meeting' },
  { prefix: decisionStreamPrefix, kind: 'decision' },
  { prefix: teachingStreamPrefix, kind: 'teaching' },
  { prefix: walkthroughStreamPrefix, kind: 'walkthrough' },
  { prefix: groupStreamPrefix, kind: 'group' },
  { prefix: itemReviewStreamPrefix, kind: 'item-review' },
  { prefix: researchStreamPrefix, kind: 'research' },
]

/** The record stream an event belongs to, if any. */
export function recordStreamOf(streamId: string): { prefix: string; kind: string } | undefined {
  return recordStreams.find((record) => streamId.startsWith(record.prefix))
}
