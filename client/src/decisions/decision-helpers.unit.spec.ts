import type { DecisionLink } from '@rembuk/domain'
import { describe, expect, it } from 'vitest'
import { orderDecisions, splitMeetings } from './board.js'
import { linksTo } from './link-filter.js'
import { describeLink, docTitle, fieldLabel, type LinkTargets, linkRoute } from './links.js'
import { needsReason, positionsWithEarlier, tally } from './positions.js'
import type { DecisionView, MeetingView } from './types.js'
import type { Words } from './words.js'

const words: Words = {
  t: (key, params) => (params ? `${key}${JSON.stringify(params)}` : key),
  label: (text) => text.id,
}

describe('positions', () => {
  const decision = {
    positions: [
      { memberId: 'budi', position: 'disagree' as const, reason: 'Jadwal padat.' },
      { memberId: 'wati', position: 'agree' as const, reason: '' },
    ],
    earlierPositions: [
      { memberId: 'budi', position: 'agree' as const, reason: '' },
      { memberId: 'budi', position: 'abstain' as const, reason: 'Belum yakin.' },
    ],
  }

  it("keeps each member's earlier positions beside the current one, oldest first", () => {
    expect(positionsWithEarlier(decision)).toEqual([
      {
        memberId: 'budi',
        position: 'disagree',
        reason: 'Jadwal padat.',
        earlier: [
          { position: 'agree', reason: '' },
          { position: 'abstain', reason: 'Belum yakin.' },
        ],
      },
      { memberId: 'wati', position: 'agree', reason: '', earlier: [] },
    ])
  })

  it('counts the current positions only', () => {
    expect(tally(decision.positions)).toEqual({ agree: 1, abstain: 0, disagree: 1, block: 0 })
  })

  it('asks a reason to disagree or block only', () => {
    expect(['agree', 'abstain', 'disagree', 'block'].map((p) => needsReason(p as 'agree'))).toEqual([
      false,
      false,
      true,
      true,
    ])
  })
})

describe('the board', () => {
  const decision = (id: string, status: 'open' | 'decided', created: string) =>
    ({ id, status, created }) as DecisionView
  const decisions = [
    decision('a', 'decided', '2026-03-01'),
    decision('b', 'open', '2026-03-02'),
    decision('c', 'decided', '2026-03-03'),
    decision('d', 'open', '2026-03-04'),
  ]

  it('lists open decisions first, then decided ones, each newest first', () => {
    expect(orderDecisions(decisions, 'all').map((d) => d.id)).toEqual(['d', 'b', 'c', 'a'])
    expect(orderDecisions(decisions, 'open').map((d) => d.id)).toEqual(['d', 'b'])
    expect(orderDecisions(decisions, 'decided').map((d) => d.id)).toEqual(['c', 'a'])
  })

  it('splits meetings into upcoming (soonest first) and past (latest first)', () => {
    const meeting = (id: string, date: string) => ({ id, date }) as MeetingView
    const { upcoming, past } = splitMeetings(
      [
        meeting('jan', '2026-01-10'),
        meeting('apr', '2026-04-09'),
        meeting('today', '2026-03-12'),
        meeting('feb', '2026-02-12'),
      ],
      '2026-03-12',
    )
    expect(upcoming.map((m) => m.id)).toEqual(['today', 'apr'])
    expect(past.map((m) => m.id)).toEqual(['feb', 'jan'])
  })
})

describe('links', () => {
  const targets: LinkTargets = {
    plans: [{ planId: 'p1', docId: 'doc-p1', title: 'Tape ketan XI' }],
    maps: [{ mapId: 'm1', docId: 'doc-m1', title: 'Peta tape ketan' }],
    lanes: new Map([['m1', [{ id: 'lane-kim', subject: 'Kimia' }]]]),
  }

  it('names plans, their fields, maps and their lanes as people know them', () => {
    const say = (link: DecisionLink) => describeLink(link, targets, words)
    expect(say({ kind: 'plan', planId: 'p1' })).toBe('Tape ketan XI')
    expect(say({ kind: 'plan-field', planId: 'p1', field: 'assessment' })).toBe(
      'decisions.linkPart{"owner":"Tape ketan XI","part":"Asesmen"}',
    )
    expect(say({ kind: 'map-lane', mapId: 'm1', laneId: 'lane-kim' })).toBe(
      'decisions.linkPart{"owner":"Peta tape ketan","part":"Kimia"}',
    )
    expect(say({ kind: 'map', mapId: 'm9' })).toBe('decisions.unknownMap{"id":"m9"}')
    expect(fieldLabel('step-indicators', words)).toBe('decisions.stepField{"step":"Indikator ketercapaian"}')
    expect(docTitle('doc-m1', targets)).toBe('Peta tape ketan')
  })

  it('leads to the plan or map screen', () => {
    expect(linkRoute({ kind: 'plan-field', planId: 'p1', field: 'goals' })).toEqual({
      name: 'plan',
      params: { planId: 'p1' },
    })
    expect(linkRoute({ kind: 'map-lane', mapId: 'm1', laneId: 'x' })).toEqual({
      name: 'map',
      params: { mapId: 'm1' },
    })
  })

  it('matches a field or a lane exactly, not the whole plan or map', () => {
    const about = (...links: DecisionLink[]) => ({ links })
    const field = { kind: 'plan-field', planId: 'p1', field: 'goals' } as const
    expect(linksTo(about(field), field)).toBe(true)
    expect(linksTo(about({ kind: 'plan', planId: 'p1' }), field)).toBe(false)
    expect(linksTo(about({ ...field, field: 'assessment' }), field)).toBe(false)
    const lane = { kind: 'map-lane', mapId: 'm1', laneId: 'lane-kim' } as const
    expect(linksTo(about({ kind: 'map', mapId: 'm1' }, lane), lane)).toBe(true)
    expect(linksTo(about({ ...lane, mapId: 'm2' }), lane)).toBe(false)
  })

  it('matches a whole plan or map only by a link to the whole of it', () => {
    const about = (...links: DecisionLink[]) => ({ links })
    const plan = { kind: 'plan', planId: 'p1' } as const
    expect(linksTo(about(plan), plan)).toBe(true)
    expect(linksTo(about({ kind: 'plan-field', planId: 'p1', field: 'goals' }), plan)).toBe(false)
    expect(linksTo(about({ kind: 'plan', planId: 'p2' }), plan)).toBe(false)
    const map = { kind: 'map', mapId: 'm1' } as const
    expect(linksTo(about({ kind: 'map-lane', mapId: 'm1', laneId: 'lane-kim' }, map), map)).toBe(true)
    expect(linksTo(about({ kind: 'map-lane', mapId: 'm1', laneId: 'lane-kim' }), map)).toBe(false)
  })
})
