import { describe, expect, it } from 'vitest'
import { followUpHub, followUpLoop } from './follow-up-loops.js'
import type { Walkthrough } from './walkthrough.js'

const base = (id: string, observed: string, overrides: Partial<Walkthrough> = {}): Walkthrough => ({
  walkthroughId: id,
  schoolId: 's',
  proposedBy: 'agus',
  observer: 'agus',
  observed,
  className: 'XI',
  lessonAt: '2026-04-07T09:00',
  focuses: ['engagement'],
  followsUp: null,
  proposedAt: '2026-04-01T00:00:00.000Z',
  status: 'committed',
  awaiting: null,
  otherTimes: [],
  cancellation: null,
  notes: [],
  conversation: [],
  reflections: [],
  commitment: null,
  planCitations: [],
  ...overrides,
})
const committed = (on: string, by: string) => ({ text: 'Coba', by, committedAt: `${on}T00:00:00.000Z` })

describe('follow-up loops', () => {
  const byWalkthrough = base('a', 'wati', { commitment: committed('2026-04-08', '2026-04-15') })
  const later = base('b', 'wati', {
    followsUp: 'a',
    proposedAt: '2026-04-22T00:00:00.000Z',
    status: 'proposed',
  })
  const byPlan = base('c', 'sari', {
    commitment: committed('2026-04-01', '2026-04-10'),
    planCitations: [{ planId: 'p', note: '', citedAt: '2026-04-04T00:00:00.000Z' }],
  })
  const open = base('d', 'dedi', { commitment: committed('2026-04-02', '2026-04-09') })
  const notYet = base('e', 'rina', { commitment: committed('2026-04-20', '2026-05-01') })
  const uncommitted = base('f', 'budi', { status: 'observed' })

  it('closes at the first citation by a plan or a later walkthrough, counting the days since the commitment', () => {
    expect(followUpLoop(byWalkthrough, [byWalkthrough, later], '2026-04-30')).toMatchObject({
      status: 'closed',
      closedBy: { kind: 'walkthrough', walkthroughId: 'b' },
      daysToFollowUp: 14,
      overdue: false,
    })
    expect(followUpLoop(byPlan, [byPlan], '2026-04-30')).toMatchObject({
      closedBy: { kind: 'plan', planId: 'p' },
      daysToFollowUp: 3,
    })
    expect(followUpLoop(uncommitted, [uncommitted], '2026-04-30')).toBeUndefined()
  })

  it('stays open when the citing walkthrough was cancelled, and is overdue past its day', () => {
    const cancelled = { ...later, status: 'cancelled' as const }
    expect(followUpLoop(byWalkthrough, [byWalkthrough, cancelled], '2026-04-15')).toMatchObject({
      status: 'open',
      overdue: false,
    })
    expect(followUpLoop(byWalkthrough, [byWalkthrough, cancelled], '2026-04-16')?.overdue).toBe(true)
  })

  it('gives the hub the open loops, the overdue ones and the average days to follow up, without any rating', () => {
    const hub = followUpHub([byWalkthrough, later, byPlan, open, notYet, uncommitted], '2026-04-25')
    expect(hub.open.map((loop) => loop.walkthroughId)).toEqual(['d', 'e'])
    expect(hub.overdue.map((loop) => loop.walkthroughId)).toEqual(['d'])
    expect(hub.closed.map((loop) => loop.walkthroughId)).toEqual(['a', 'c'])
    expect(hub.averageDaysToFollowUp).toBe(8.5)
    expect(followUpHub([open], '2026-04-25').averageDaysToFollowUp).toBeNull()
    expect(JSON.stringify(hub)).not.toMatch(/score|grade|rank|rating/i)
  })
})
