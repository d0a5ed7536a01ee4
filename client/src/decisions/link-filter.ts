import type { DecisionLink } from '@rembuk/domain'

/** A plan field or a map lane that decisions are shown beside. */
export type LinkFilter =
  | { kind: 'plan-field'; planId: string; field: string }
  | { kind: 'map-lane'; mapId: string; laneId: string }

/** Whether a decision names exactly this plan field or this map lane. */
export function linksTo(decision: { links: readonly DecisionLink[] }, filter: LinkFilter): boolean {
  return decision.links.some((link) =>
    filter.kind === 'plan-field'
      ? link.kind === 'plan-field' && link.planId === filter.planId && link.field === filter.field
      : link.kind === 'map-lane' && link.mapId === filter.mapId && link.laneId === filter.laneId,
  )
}
