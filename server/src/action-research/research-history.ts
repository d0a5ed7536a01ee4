import { type Research, type Role, scoreVisibility } from '@rembuk/domain'
import type { RecordedEvent } from '@rembuk/event-store'
import { type LoggedEvent, logged } from '../decisions/event-log.js'

/**
 * The study's events as one member may read them: a score they may not see keeps only its cycle, neither
 * whose it was nor the score.
 */
export function visibleHistory(
  events: readonly RecordedEvent[],
  research: Research,
  viewer: { memberId: string; role: Role },
  nameOf: (memberId: string) => string | undefined,
): LoggedEvent[] {
  const visibility = scoreVisibility(research, viewer)
  return events.map((event) => {
    const entry = logged(event, nameOf)
    if (event.type !== 'ScoreRecorded' || visibility === 'all') return entry
    const data = event.data as { cycleNo: number; memberId: string }
    if (visibility === 'own' && data.memberId === viewer.memberId) return entry
    return { ...entry, data: { cycleNo: data.cycleNo } }
  })
}
