import { describe, expect, it } from 'vitest'
import type { CommandRefused } from '../errors.js'
import type { Role } from '../school/roles.js'
import {
  decideWalkthrough,
  evolveWalkthrough,
  type Walkthrough,
  type WalkthroughActor,
  type WalkthroughCommand,
  type WalkthroughContext,
  type WalkthroughEventData,
  type WalkthroughState,
} from './walkthrough.js'
import type { WalkthroughFocus } from './walkthrough-events.js'

const roles: Record<string, Role> = {
  agus: 'teacher',
  wati: 'teacher',
  sari: 'teacher',
  maya: 'coach',
  kartini: 'principal',
  hendra: 'supervisor',
  rudi: 'staff',
}
const as = (memberId: string): WalkthroughActor => ({
  memberId,
  role: roles[memberId] as Role,
  roleOf: (id) => roles[id],
})
const proposal: Extract<WalkthroughCommand, { type: 'ProposeWalkthrough' }> = {
  type: 'ProposeWalkthrough',
  walkthroughId: 'ob1',
  schoolId: 's',
  observer: 'agus',
  observed: 'wati',
  className: 'XI IPS 2',
  lessonAt: '2026-04-07T09:00',
  focuses: ['engagement', 'connection'],
  at: '2026-04-01T03:00:00.000Z',
}

/** Runs commands in order, each by its member, folding the events into the state. */
function run(steps: [string, WalkthroughCommand, WalkthroughContext?][], start?: WalkthroughState) {
  let state = start
  const events: WalkthroughEventData[] = []
  for (const [who, command, context] of steps) {
    for (const event of decideWalkthrough(command, state, as(who), context)) {
      events.push(event)
      state = evolveWalkthrough(state, event)
    }
  }
  return { state: state as Walkthrough, events }
}
const refusal = (
  who: string,
  command: WalkthroughCommand,
  state: WalkthroughState,
  context?: WalkthroughContext,
) => {
  try {
    decideWalkthrough(command, state, as(who), context)
  } catch (error) {
    return error as CommandRefused
  }
  throw new Error('not refused')
}
const note = (
  focus: WalkthroughFocus,
  minute: number,
  text: string,
  isPrivate = false,
): WalkthroughCommand => ({
  type: 'RecordNote',
  noteId: `n${minute}`,
  focus,
  minute,
  text,
  private: isPrivate,
})
const agreed = () =>
  run([
    ['agus', proposal],
    ['wati', { type: 'AgreeWalkthrough' }],
  ]).state
const observed = () =>
  run(
    [
      ['agus', note('engagement', 12, 'Semua kelompok menimbang beras ketan')],
      ['agus', { type: 'CompleteObservation' }],
    ],
    agreed(),
  ).state
const reflected = () =>
  run(
    [
      ['agus', { type: 'WriteReflection', text: 'Saya belajar cara membagi peran kelompok.' }],
      ['wati', { type: 'WriteReflection', text: 'Hitungan margin perlu contoh nyata.' }],
    ],
    observed(),
  ).state
const commitment: WalkthroughCommand = {
  type: 'CommitFollowUp',
  text: 'Memakai harga pasar nyata untuk menghitung margin',
  by: '2026-04-14',
  at: '2026-04-08T05:00:00.000Z',
}

describe('agreeing a walkthrough', () => {
  it('is proposed by one of the pair and accepted by the other', () => {
    const { state, events } = run([
      ['agus', proposal],
      ['wati', { type: 'AgreeWalkthrough' }],
    ])
    expect(events.map((e) => e.type)).toEqual(['WalkthroughProposed', 'WalkthroughAgreed'])
    expect(state).toMatchObject({ status: 'agreed', awaiting: null, observer: 'agus', observed: 'wati' })
    expect(
      run([
        ['wati', proposal],
        ['agus', { type: 'AgreeWalkthrough' }],
      ]).state.status,
    ).toBe('agreed')
  })

  it('waits for the colleague, who may propose another time that the proposer then accepts', () => {
    const proposed = run([['agus', proposal]]).state
    expect(refusal('agus', { type: 'AgreeWalkthrough' }, proposed).code).toBe('forbidden')
    const moved = run(
      [['wati', { type: 'ProposeOtherTime', lessonAt: '2026-04-08T10:30', note: 'Selasa ada ulangan' }]],
      proposed,
    ).state
    expect(moved).toMatchObject({ lessonAt: '2026-04-08T10:30', awaiting: 'agus', status: 'proposed' })
    expect(refusal('wati', { type: 'AgreeWalkthrough' }, moved).code).toBe('forbidden')
    expect(run([['agus', { type: 'AgreeWalkthrough' }]], moved).state.status).toBe('agreed')
  })

  it('is between colleagues: teachers and coaches observe a teacher; nobody proposes for others', () => {
    expect(run([['maya', { ...proposal, observer: 'maya' }]]).state.observer).toBe('maya')
    expect(refusal('sari', proposal, undefined).code).toBe('forbidden')
    expect(refusal('kartini', { ...proposal, observer: 'kartini' }, undefined).message).toMatch(
      /not a performance review/,
    )
    expect(refusal('hendra', { ...proposal, observer: 'hendra' }, undefined).code).toBe('forbidden')
    expect(refusal('agus', { ...proposal, observed: 'maya' }, undefined).code).toBe('invalid')
    expect(refusal('agus', { ...proposal, observed: 'agus' }, undefined).code).toBe('invalid')
    expect(refusal('agus', proposal, agreed()).code).toBe('conflict')
  })

  it('can be cancelled by either of the pair before the lesson is observed, never after', () => {
    const cancelled = run(
      [['wati', { type: 'CancelWalkthrough', reason: 'Kelas dipakai ujian' }]],
      agreed(),
    ).state
    expect(cancelled.status).toBe('cancelled')
    expect(refusal('agus', note('engagement', 3, 'x'), cancelled).code).toBe('conflict')
    expect(refusal('sari', { type: 'CancelWalkthrough', reason: 'x' }, agreed()).code).toBe('forbidden')
    expect(refusal('wati', { type: 'CancelWalkthrough', reason: 'x' }, observed()).code).toBe('conflict')
  })
})

describe('observing', () => {
  it('lets only the observer write notes, on the agreed focuses, while the lesson is under way', () => {
    const state = agreed()
    const { state: noted } = run(
      [['agus', note('connection', 25, 'Siswa bertanya tentang harga gula', true)]],
      state,
    )
    expect(noted.notes).toEqual([
      {
        noteId: 'n25',
        focus: 'connection',
        minute: 25,
        text: 'Siswa bertanya tentang harga gula',
        private: true,
      },
    ])
    expect(refusal('wati', note('engagement', 5, 'x'), state).code).toBe('forbidden')
    expect(refusal('kartini', note('engagement', 5, 'x'), state).code).toBe('forbidden')
    expect(refusal('agus', note('strategy', 5, 'x'), state).code).toBe('invalid')
    expect(refusal('agus', note('engagement', 5, 'x'), run([['agus', proposal]]).state).code).toBe('conflict')
    expect(refusal('agus', note('engagement', 5, 'x'), observed()).code).toBe('conflict')
  })

  it('is completed by the observer once something was noted', () => {
    expect(refusal('agus', { type: 'CompleteObservation' }, agreed()).message).toMatch(/at least one note/)
    expect(refusal('wati', { type: 'CompleteObservation' }, agreed()).code).toBe('forbidden')
    expect(observed().status).toBe('observed')
  })
})

describe('talking it over and following up', () => {
  it('takes both colleagues’ conversation and reflections after the observation, a reflection replacing the earlier one', () => {
    expect(refusal('wati', { type: 'WriteReflection', text: 'x' }, agreed()).code).toBe('conflict')
    const { state } = run(
      [
        [
          'agus',
          {
            type: 'NoteConversation',
            noteId: 'c1',
            text: 'Menit 12: semua kelompok aktif menimbang.',
            question: 'Apa yang membuat kelompok 3 diam?',
          },
        ],
        [
          'wati',
          { type: 'NoteConversation', noteId: 'c2', text: 'Kelompok 3 belum paham margin.', question: '' },
        ],
        ['wati', { type: 'WriteReflection', text: 'Pertama' }],
        ['wati', { type: 'WriteReflection', text: 'Kedua' }],
      ],
      observed(),
    )
    expect(state.conversation.map((entry) => entry.memberId)).toEqual(['agus', 'wati'])
    expect(state.reflections).toEqual([{ memberId: 'wati', text: 'Kedua' }])
    expect(refusal('kartini', { type: 'WriteReflection', text: 'x' }, observed()).code).toBe('forbidden')
  })

  it('lets only the observed teacher commit, once both have reflected', () => {
    expect(refusal('wati', commitment, observed()).message).toMatch(/Both colleagues reflect/)
    expect(refusal('agus', commitment, reflected()).code).toBe('forbidden')
    const { state } = run([['wati', commitment]], reflected())
    expect(state).toMatchObject({
      status: 'committed',
      commitment: { text: 'Memakai harga pasar nyata untuk menghitung margin', by: '2026-04-14' },
    })
    expect(refusal('wati', commitment, state, { followedUp: true }).code).toBe('conflict')
  })

  it('closes the loop by a plan the observed teacher is on, cited once', () => {
    const committed = run([['wati', commitment]], reflected()).state
    const plan = { planId: 'p1', team: ['wati', 'sari'] }
    const cite: WalkthroughCommand = {
      type: 'CiteInPlan',
      planId: 'p1',
      note: 'Langkah 3',
      at: '2026-04-10T01:00:00.000Z',
    }
    expect(refusal('wati', cite, reflected(), { plan }).code).toBe('conflict')
    expect(refusal('agus', cite, committed, { plan }).code).toBe('forbidden')
    expect(refusal('wati', cite, committed, { plan: { planId: 'p1', team: ['sari'] } }).code).toBe(
      'forbidden',
    )
    expect(refusal('wati', cite, committed).code).toBe('not_found')
    const { state } = run(
      [
        ['wati', cite, { plan }],
        ['wati', cite, { plan }],
      ],
      committed,
    )
    expect(state.planCitations).toEqual([
      { planId: 'p1', note: 'Langkah 3', citedAt: '2026-04-10T01:00:00.000Z' },
    ])
    expect(refusal('wati', commitment, state).code).toBe('conflict')
  })

  it('lets a later walkthrough of the same teacher follow up an earlier commitment', () => {
    const earlier = run([['wati', commitment]], reflected()).state
    const next = { ...proposal, walkthroughId: 'ob2', followsUp: 'ob1' }
    expect(run([['agus', next, { earlier }]]).state.followsUp).toBe('ob1')
    expect(refusal('agus', next, undefined).code).toBe('not_found')
    expect(refusal('agus', next, undefined, { earlier: reflected() }).code).toBe('conflict')
    expect(refusal('agus', { ...next, observed: 'sari' }, undefined, { earlier }).code).toBe('invalid')
  })
})
