import type { DecisionLink } from '@rembuk/domain'

/** A whole plan or map, a plan field or a map lane that decisions are shown beside. */
export type LinkFilter =
  | { kind: 'plan'; planId: string }
  | { kind: 'map'; mapId: string }
  | { kind: 'plan-field'; planId: string; field: string }
  | { kind: 'map-lane'; mapId: string; laneId: string }

function matches(link: DecisionLink, filter: LinkFilter): boolean {
  switch (filter.kind) {
    case 'plan':
      return link.kind === 'plan' && link.planId === filter.planId
    case 'map':
      return link.kind === 'map' && link.mapId === filter.mapId
    case 'plan-field':
      return link.kind === 'plan-field' && link.planId === filter.planId && link.field === filter.field
    case 'map-lane':
      return link.kind === 'map-lane' && link.mapId === filter.mapId && link.laneId === filter.laneId
  }
}

/** Whether a decision names exactly this plan, map, plan field or map lane. */
export function linksTo(decision: { links: readonly DecisionLink[] }, filter: LinkFilter): boolean {
  return decision.links.some((link) => matches(link, filter))
}
