import type { Decision, DecisionPosition, PositionEntry } from '@rembuk/domain'
import { decisionPositions } from '@rembuk/domain'

export interface MemberPosition extends PositionEntry {
  /** What this member held before, oldest first. */
  earlier: { position: DecisionPosition; reason: string }[]
}

/** Each member's current position with the ones they held before it, in the order members first took one. */
export function positionsWithEarlier(
  decision: Pick<Decision, 'positions' | 'earlierPositions'>,
): MemberPosition[] {
  return decision.positions.map((current) => ({
    ...current,
    earlier: decision.earlierPositions
      .filter((held) => held.memberId === current.memberId)
      .map(({ position, reason }) => ({ position, reason })),
  }))
}

/** How many members hold each position now. */
export function tally(positions: readonly PositionEntry[]): Record<DecisionPosition, number> {
  const counts = Object.fromEntries(decisionPositions.map((position) => [position, 0])) as Record<
    DecisionPosition,
    number
  >
  for (const { position } of positions) counts[position] += 1
  return counts
}

/** Disagreeing and blocking need a reason; agreeing and standing aside do not. */
export const needsReason = (position: DecisionPosition): boolean =>
  position === 'disagree' || position === 'block'
