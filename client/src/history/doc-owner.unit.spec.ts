import type { ActivityMapRecord, ItemReview, Plan, TeamTeaching } from '@rembuk/domain'
import { describe, expect, it } from 'vitest'
import { docOwner } from './doc-owner.js'

const plan = (status: Plan['status']): Plan => ({
  planId: 'p-1',
  schoolId: 's-1',
  docId: 'doc-plan',
  title: 'Termokimia dan tape ketan',
  grade: 'XI',
  subjects: ['Kimia', 'Biologi'],
  team: ['guru-sari'],
  step: 'competencies',
  status,
  feedback: [],
})
const map = (archived: boolean): ActivityMapRecord => ({
  mapId: 'm-1',
  schoolId: 's-1',
  docId: 'doc-map',
  title: 'Tape ketan',
  template: 'tape-ketan',
  team: ['guru-budi'],
  archived,
  activityChanges: [],
})
const review = (finished: boolean): ItemReview => ({
  reviewId: 'ts-1',
  schoolId: 's-1',
  docId: 'soal-ts-1',
  testName: 'PTS Biologi',
  subject: 'Biologi',
  className: 'XI',
  testDate: '2026-03-24',
  reviewers: ['guru-sari'],
  items: [],
  finished,
})
const sari = { memberId: 'guru-sari', role: 'teacher' as const }
const budi = { memberId: 'guru-budi', role: 'teacher' as const }
const kepala = { memberId: 'kepala', role: 'principal' as const }

describe('whose document it is and what the member may do with its history', () => {
  it('finds the plan, links to it, and lets its team restore and name versions while it is open', () => {
    expect(docOwner('doc-plan', [plan('planning')], [], sari)).toEqual({
      kind: 'plan',
      title: 'Termokimia dan tape ketan',
      path: '/rencana/p-1',
      mayRestore: true,
      mayNameVersions: true,
    })
  })

  it('lets nobody restore a submitted plan, but the principal still names its versions', () => {
    expect(docOwner('doc-plan', [plan('submitted')], [], sari)).toMatchObject({
      mayRestore: false,
      mayNameVersions: false,
    })
    expect(docOwner('doc-plan', [plan('submitted')], [], kepala)).toMatchObject({
      mayRestore: false,
      mayNameVersions: true,
    })
  })

  it('finds the map; teachers off its team only read, and an archived map is restored by nobody', () => {
    expect(docOwner('doc-map', [], [map(false)], budi)).toMatchObject({
      kind: 'map',
      path: '/peta/m-1',
      mayRestore: true,
    })
    expect(docOwner('doc-map', [], [map(false)], sari)).toMatchObject({
      mayRestore: false,
      mayNameVersions: false,
    })
    expect(docOwner('doc-map', [], [map(true)], budi)).toMatchObject({ mayRestore: false })
  })

  it('finds the team-teaching pair; the pair restores its preparation, the rest of the school reads it', () => {
    const pair: TeamTeaching = {
      teachingId: 't-1',
      schoolId: 's-1',
      docId: 'ajar-t-1',
      title: 'Tape ketan XI IPA 2',
      className: 'XI IPA 2',
      subjects: ['Matematika', 'Kimia'],
      teachers: ['guru-sari', 'guru-budi'],
      model: 'one-teach-one-observe',
      lessons: [],
    }
    expect(docOwner('ajar-t-1', [], [], budi, { teaching: [pair] })).toEqual({
      kind: 'teaching',
      title: 'Tape ketan XI IPA 2',
      path: '/mengajar-bersama/t-1',
      mayRestore: true,
      mayNameVersions: true,
    })
    const wati = { memberId: 'guru-wati', role: 'teacher' as const }
    expect(docOwner('ajar-t-1', [], [], wati, { teaching: [pair] })).toMatchObject({
      mayRestore: false,
      mayNameVersions: false,
    })
  })

  it("opens an item review's document: its reviewers restore until the review is finished", () => {
    expect(docOwner('soal-ts-1', [], [], sari, { itemReviews: [review(false)] })).toEqual({
      kind: 'item-review',
      title: 'PTS Biologi',
      path: '/telaah-soal/ts-1',
      mayRestore: true,
      mayNameVersions: true,
    })
    expect(docOwner('soal-ts-1', [], [], budi, { itemReviews: [review(false)] })).toMatchObject({
      mayRestore: false,
    })
    expect(docOwner('soal-ts-1', [], [], sari, { itemReviews: [review(true)] })).toMatchObject({
      mayRestore: false,
    })
  })

  it('answers null for a document that is neither', () => {
    expect(docOwner('doc-other', [plan('planning')], [map(false)], kepala)).toBeNull()
  })
})
