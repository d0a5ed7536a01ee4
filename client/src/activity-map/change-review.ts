import { type ActivityMapRecord, lanesToReview, reviewsLane } from '@rembuk/domain'
import { type ComputedRef, computed, type InjectionKey, inject, provide } from 'vue'

/** One event of a map's own stream, as `GET /api/maps/:mapId` lists it. */
export interface MapEventView {
  type: string
  actorId: string
  actorName: string
  at: string
  data: Record<string, unknown>
}

/** The lanes of the open map still to be reviewed after a change of its activity. */
const lanesToReviewKey: InjectionKey<ComputedRef<ReadonlySet<string>>> = Symbol('lanes to review')

export function provideLanesToReview(map: () => ActivityMapRecord): ComputedRef<ReadonlySet<string>> {
  const lanes = computed<ReadonlySet<string>>(
    () => new Set(lanesToReview(map().activityChanges ?? []).keys()),
  )
  provide(lanesToReviewKey, lanes)
  return lanes
}

export function injectLanesToReview(): ComputedRef<ReadonlySet<string>> {
  return inject(
    lanesToReviewKey,
    computed(() => new Set<string>()),
  )
}

/** The review of one flagged lane: done (by whom), or waiting, and whether this member is the one to do it. */
export function laneReview(
  map: Pick<ActivityMapRecord, 'team' | 'archived'>,
  change: ActivityMapRecord['activityChanges'][number],
  laneId: string,
  memberId: string,
): { reviewedBy: string | null; mine: boolean } {
  const lane = change.lanes.find((entry) => entry.laneId === laneId)
  const ack = change.acknowledgements.find((entry) => entry.laneId === laneId)
  const mine = !!lane && !ack && !map.archived && reviewsLane(lane, map.team, memberId)
  return { reviewedBy: ack?.memberId ?? null, mine }
}
