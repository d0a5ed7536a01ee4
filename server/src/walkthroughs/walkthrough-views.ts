import { followUpLoop, type Walkthrough, walkthroughFor } from '@rembuk/domain'
import type { DirectoryEntry } from '../projections/aggregate-directory.js'

/** Today as YYYY-MM-DD: the day the member's device names, else the server's (UTC). */
export const todayOr = (day: string | undefined): string => day ?? new Date().toISOString().slice(0, 10)

/**
 * A walkthrough as one member may see it (walkthroughFor), with its follow-up loop and the later
 * walkthroughs that follow it up.
 */
export function walkthroughView(
  entry: DirectoryEntry<Walkthrough>,
  memberId: string,
  all: readonly Walkthrough[],
  today: string,
) {
  const { state } = entry
  return {
    id: state.walkthroughId,
    ...walkthroughFor(state, memberId),
    loop: followUpLoop(state, all, today) ?? null,
    followedUpBy: all
      .filter((later) => later.followsUp === state.walkthroughId && later.status !== 'cancelled')
      .map((later) => later.walkthroughId),
    created: entry.created.toISOString(),
    updated: entry.updated.toISOString(),
  }
}
