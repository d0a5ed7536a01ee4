import { describe, expect, it } from 'vitest'
import { CommandRefused } from '../errors.js'
import type { Role } from '../school/roles.js'
import type { TeamActor } from '../team.js'
import {
  decideResearch,
  defaultThresholds,
  evolveResearch,
  type ResearchCommand,
  type ResearchState,
} from './research.js'
import { categoryOf, researchFor } from './results.js'

type Event = ReturnType<typeof decideResearch>[number]

/** The six class teachers of SDN Lulut 2 and their scores: baseline, cycle I, cycle II. */
const lulut2 = [
  { id: 'kelas1', scores: [35.75, 46.75, 53.5] },
  { id: 'kelas2', scores: [37.4, 48.5, 55.4] },
  { id: 'kelas3', scores: [40.5, 50.5, 60.55] },
  { id: 'kelas4', scores: [42.67, 55.7, 68.65] },
  { id: 'kelas5', scores: [44.65, 58.8, 75.25] },
  { id: 'kelas6', scores: [52.75, 60.6, 77.1] },
]

const roles: Record<string, Role> = {
  kepsek: 'principal',
  pembimbing: 'coach',
  pengawas: 'supervisor',
  komite: 'committee',
  lain: 'teacher',
  ...Object.fromEntries(lulut2.map((teacher) => [teacher.id, 'teacher' as Role])),
}
const as = (memberId: string): TeamActor => ({
  memberId,
  role: roles[memberId] as Role,
  isMember: (id) => id in roles,
})
const start: ResearchCommand = {
  type: 'StartResearch',
  researchId: 'pts1',
  schoolId: 's',
  title: 'PTS pembelajaran kolaboratif',
  focus: 'Mengimplementasikan pembelajaran kolaboratif',
  instrument: { name: 'Lembar observasi', maxScore: 100 },
  teachers: lulut2.map((teacher) => teacher.id),
}

function run(commands: ResearchCommand[], by = 'kepsek'): ResearchState {
  let state: ResearchState
  for (const command of commands) {
    for (const event of decideResearch(command, state, as(by))) state = evolveResearch(state, event)
  }
  return state
}
const refusal = (command: ResearchCommand, state: ResearchState, actor: string) => {
  try {
    decideResearch(command, state, as(actor))
  } catch (error) {
    return error as CommandRefused
  }
  throw new Error('not refused')
}
const allCycles: ResearchCommand[] = [0, 1, 2].flatMap((cycleNo) => [
  { type: 'OpenCycle' },
  {
    type: 'RecordScores',
    cycleNo,
    scores: lulut2.map((teacher) => ({ memberId: teacher.id, score: teacher.scores[cycleNo] as number })),
  },
])

describe('school action research in cycles', () => {
  it('reproduces the averages and categories of SDN Lulut 2, cycle by cycle', () => {
    const study = run([start, ...allCycles]) as NonNullable<ResearchState>
    const view = researchFor(study, { memberId: 'kepsek', role: 'principal' })
    // The study prints 65.05 for cycle II, but its six scores sum to 390.45: their average is 65.075.
    expect(view.results.map((cycle) => cycle.average)).toEqual([42.29, 53.48, 65.08])
    expect(view.results.map((cycle) => cycle.category)).toEqual(['kurang', 'cukup', 'cukup'])
    expect(view.results.map((cycle) => cycle.scores.map((score) => score.category))).toEqual([
      ['kurang', 'kurang', 'kurang', 'kurang', 'kurang', 'cukup'],
      ['kurang', 'kurang', 'kurang', 'cukup', 'cukup', 'cukup'],
      ['cukup', 'cukup', 'cukup', 'cukup', 'baik', 'baik'],
    ])
  })

  it('places scores by the configured bounds, the defaults matching the study', () => {
    expect(defaultThresholds).toEqual({ cukup: 51, baik: 75 })
    expect(categoryOf(50.5, defaultThresholds)).toBe('kurang')
    expect(categoryOf(52.75, defaultThresholds)).toBe('cukup')
    expect(categoryOf(75, defaultThresholds)).toBe('baik')
    const strict = run([
      start,
      { type: 'SetThresholds', thresholds: { cukup: 60, baik: 80 } },
      ...allCycles,
    ]) as NonNullable<ResearchState>
    expect(researchFor(strict, { memberId: 'kepsek', role: 'principal' }).results[2]?.category).toBe('cukup')
    expect(researchFor(strict, { memberId: 'kepsek', role: 'principal' }).results[1]?.category).toBe('kurang')
  })

  it('shows no average to those who may not see the scores when the study has fewer than three teachers', () => {
    const pair = run([
      { ...start, teachers: ['kelas1', 'kelas2'] },
      { type: 'OpenCycle' },
      {
        type: 'RecordScores',
        cycleNo: 0,
        scores: [
          { memberId: 'kelas1', score: 40 },
          { memberId: 'kelas2', score: 60 },
        ],
      },
    ]) as NonNullable<ResearchState>
    expect(researchFor(pair, { memberId: 'kepsek', role: 'principal' }).results[0]?.average).toBe(50)
    for (const viewer of [
      { memberId: 'kelas1', role: 'teacher' as const },
      { memberId: 'komite', role: 'committee' as const },
    ]) {
      const seen = researchFor(pair, viewer).results[0]
      expect(seen).toMatchObject({ average: null, category: null })
      expect(seen?.scores.every((entry) => entry.memberId === viewer.memberId)).toBe(true)
    }
  })

  it('counts a percent of the instrument maximum when the instrument is not out of 100', () => {
    const study = run([
      { ...start, instrument: { name: 'Rubrik', maxScore: 40 }, teachers: ['kelas1'] },
      { type: 'OpenCycle' },
      { type: 'RecordScores', cycleNo: 0, scores: [{ memberId: 'kelas1', score: 30 }] },
    ]) as NonNullable<ResearchState>
    expect(researchFor(study, { memberId: 'kepsek', role: 'principal' }).results[0]).toMatchObject({
      average: 75,
      category: 'baik',
      scores: [{ memberId: 'kelas1', score: 30, percent: 75, category: 'baik' }],
    })
    expect(
      refusal(
        { type: 'RecordScores', cycleNo: 0, scores: [{ memberId: 'kelas1', score: 41 }] },
        study,
        'kepsek',
      ).code,
    ).toBe('invalid')
  })

  it('numbers cycles from the baseline, records the four steps, and records a correction as a new score', () => {
    const study = run([
      start,
      { type: 'OpenCycle' },
      { type: 'OpenCycle' },
      { type: 'RecordCycleStep', cycleNo: 1, step: 'plan', text: 'Menyusun lembar observasi', done: true },
      { type: 'RecordScores', cycleNo: 1, scores: [{ memberId: 'kelas1', score: 46 }] },
    ]) as NonNullable<ResearchState>
    expect(study.cycles.map((cycle) => cycle.cycleNo)).toEqual([0, 1])
    expect(study.cycles[1]?.steps.plan).toEqual({ text: 'Menyusun lembar observasi', done: true })
    const correction = decideResearch(
      {
        type: 'RecordScores',
        cycleNo: 1,
        scores: [
          { memberId: 'kelas1', score: 46.75 },
          { memberId: 'kelas2', score: 48.5 },
        ],
      },
      study,
      as('pembimbing'),
    )
    expect(correction).toEqual<Event[]>([
      { type: 'ScoreRecorded', data: { cycleNo: 1, memberId: 'kelas1', score: 46.75 } },
      { type: 'ScoreRecorded', data: { cycleNo: 1, memberId: 'kelas2', score: 48.5 } },
    ])
    expect(
      decideResearch(
        { type: 'RecordScores', cycleNo: 1, scores: [{ memberId: 'kelas1', score: 46 }] },
        study,
        as('kepsek'),
      ),
    ).toEqual([])
    expect(
      refusal(
        { type: 'RecordScores', cycleNo: 1, scores: [{ memberId: 'lain', score: 50 }] },
        study,
        'kepsek',
      ).code,
    ).toBe('invalid')
    expect(
      refusal({ type: 'RecordCycleStep', cycleNo: 5, step: 'act', text: '', done: false }, study, 'kepsek')
        .code,
    ).toBe('not_found')
  })

  it('ticks the steps of the data-driven cycle with their evidence and kind of data', () => {
    const study = run([
      start,
      { type: 'OpenCycle' },
      {
        type: 'RecordDataStep',
        cycleNo: 0,
        step: 'collect-data',
        done: true,
        evidence: { kind: 'meeting', meetingId: 'rp1' },
        dataKind: 'school-process',
        note: 'Observasi kelas awal',
      },
    ]) as NonNullable<ResearchState>
    expect(study.cycles[0]?.dataSteps['collect-data']).toEqual({
      done: true,
      evidence: { kind: 'meeting', meetingId: 'rp1' },
      dataKind: 'school-process',
      note: 'Observasi kelas awal',
    })
  })

  it('is run by the principal or a coach only, with teachers of the school', () => {
    expect(refusal(start, undefined, 'kelas1').code).toBe('forbidden')
    expect(refusal(start, undefined, 'pengawas').code).toBe('forbidden')
    expect(refusal({ ...start, teachers: ['orang-luar'] }, undefined, 'kepsek').code).toBe('invalid')
    expect(run([start], 'pembimbing')?.title).toBe('PTS pembelajaran kolaboratif')
    const study = run([start, { type: 'OpenCycle' }])
    expect(
      refusal(
        { type: 'RecordScores', cycleNo: 0, scores: [{ memberId: 'kelas1', score: 40 }] },
        study,
        'kelas1',
      ).code,
    ).toBe('forbidden')
    expect(refusal(start, study, 'kepsek').code).toBe('conflict')
  })

  it('shows scores to the scored teacher, the principal, the coach and the supervisor; averages to the rest', () => {
    const study = run([start, ...allCycles]) as NonNullable<ResearchState>
    const seen = (memberId: string) => researchFor(study, { memberId, role: roles[memberId] as Role })
    for (const who of ['kepsek', 'pembimbing', 'pengawas']) {
      expect(seen(who).results[2]?.scores).toHaveLength(6)
      expect(Object.keys(seen(who).cycles[2]?.scores ?? {})).toHaveLength(6)
    }
    expect(seen('kelas3').results.map((cycle) => cycle.scores.map((score) => score.memberId))).toEqual([
      ['kelas3'],
      ['kelas3'],
      ['kelas3'],
    ])
    expect(seen('kelas3').cycles[1]?.scores).toEqual({ kelas3: 50.5 })
    for (const who of ['komite', 'lain']) {
      expect(seen(who).visibility).toBe('none')
      expect(seen(who).results.flatMap((cycle) => cycle.scores)).toEqual([])
      expect(seen(who).cycles.map((cycle) => cycle.scores)).toEqual([{}, {}, {}])
      expect(seen(who).results.map((cycle) => cycle.average)).toEqual([42.29, 53.48, 65.08])
    }
  })

  it('keeps a cycle average from those who may not see scores until every teacher is scored', () => {
    const partial = run([
      start,
      { type: 'OpenCycle' },
      { type: 'RecordScores', cycleNo: 0, scores: [{ memberId: 'kelas1', score: 35.75 }] },
    ]) as NonNullable<ResearchState>
    expect(researchFor(partial, { memberId: 'komite', role: 'committee' }).results[0]).toMatchObject({
      complete: false,
      average: null,
      category: null,
    })
    expect(researchFor(partial, { memberId: 'kepsek', role: 'principal' }).results[0]?.average).toBe(35.75)
  })
})
