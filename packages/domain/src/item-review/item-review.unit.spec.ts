import { describe, expect, it } from 'vitest'
import type { CommandRefused } from '../errors.js'
import type { Role } from '../school/roles.js'
import type { TeamActor } from '../team.js'
import {
  decideItemReview,
  evolveItemReview,
  type ItemReviewCommand,
  type ItemReviewState,
  itemReviewDocumentAccess,
  readyToFinish,
} from './item-review.js'

type Event = ReturnType<typeof decideItemReview>[number]
const roles: Record<string, Role> = {
  kepsek: 'principal',
  agus: 'teacher',
  budi: 'teacher',
  sari: 'teacher',
  maya: 'coach',
  pengawas: 'supervisor',
}
const as = (memberId: string): TeamActor => ({
  memberId,
  role: roles[memberId] as Role,
  isMember: (id) => id in roles,
})
const start: Extract<ItemReviewCommand, { type: 'StartItemReview' }> = {
  type: 'StartItemReview',
  reviewId: 'r1',
  schoolId: 's',
  docId: 'soal-r1',
  testName: 'PTS semester ganjil',
  subject: 'Biologi',
  className: 'XI',
  testDate: '2026-03-20',
  reviewers: ['budi'],
}
const run = (state: ItemReviewState, command: ItemReviewCommand, actor: string) =>
  decideItemReview(command, state, as(actor)).reduce<ItemReviewState>(evolveItemReview, state)
const refusal = (command: ItemReviewCommand, state: ItemReviewState, actor: string) => {
  try {
    decideItemReview(command, state, as(actor))
  } catch (error) {
    return error as CommandRefused
  }
  throw new Error('not refused')
}
const started = () => run(undefined, start, 'agus')
const withItems = () =>
  run(run(started(), { type: 'AddItem', itemId: 'i1' }, 'agus'), { type: 'AddItem', itemId: 'i2' }, 'budi')

describe('item review', () => {
  it('is started by a teacher, who becomes a reviewer, or by the principal', () => {
    expect(started()?.reviewers).toEqual(['agus', 'budi'])
    expect(run(undefined, start, 'kepsek')?.reviewers).toEqual(['budi'])
    expect(refusal(start, undefined, 'maya').code).toBe('forbidden')
    expect(refusal({ ...start, reviewers: [] }, undefined, 'kepsek').code).toBe('invalid')
    expect(refusal({ ...start, reviewers: ['orang-luar'] }, undefined, 'agus').code).toBe('invalid')
    const first: Event[] = decideItemReview(start, undefined, as('agus'))
    expect(first[0]?.type).toBe('ItemReviewStarted')
  })

  it('starts with its first items numbered in the same append', () => {
    const events = decideItemReview({ ...start, itemIds: ['i1', 'i2'] }, undefined, as('agus'))
    expect(events.slice(1)).toEqual([
      { type: 'ReviewItemAdded', data: { itemId: 'i1', number: 1 } },
      { type: 'ReviewItemAdded', data: { itemId: 'i2', number: 2 } },
    ])
    expect(events[0]?.data).not.toHaveProperty('itemIds')
    expect(refusal({ ...start, itemIds: ['i1', 'i1'] }, undefined, 'agus').code).toBe('invalid')
  })

  it('numbers its items in order, added by reviewers only', () => {
    const review = withItems()
    expect(review?.items.map((item) => [item.itemId, item.number, item.status])).toEqual([
      ['i1', 1, 'draft'],
      ['i2', 2, 'draft'],
    ])
    expect(refusal({ type: 'AddItem', itemId: 'i3' }, review, 'sari').code).toBe('forbidden')
    expect(refusal({ type: 'AddItem', itemId: 'i1' }, review, 'agus').code).toBe('conflict')
  })

  it('takes comments with their author, and statuses from the reviewers', () => {
    const commented = run(
      withItems(),
      { type: 'CommentOnItem', itemId: 'i1', commentId: 'c1', text: 'Pengecoh B terlalu mirip.' },
      'maya',
    )
    expect(commented?.items[0]?.comments).toEqual([
      { commentId: 'c1', memberId: 'maya', text: 'Pengecoh B terlalu mirip.' },
    ])
    const comment = { type: 'CommentOnItem', itemId: 'i1', commentId: 'c2', text: 'x' } as const
    expect(refusal(comment, commented, 'pengawas').code).toBe('forbidden')
    const revised = run(commented, { type: 'SetItemStatus', itemId: 'i1', status: 'revise' }, 'budi')
    expect(revised?.items[0]?.status).toBe('revise')
    expect(refusal({ type: 'SetItemStatus', itemId: 'i1', status: 'agreed' }, revised, 'sari').code).toBe(
      'forbidden',
    )
    expect(refusal({ type: 'SetItemStatus', itemId: 'i9', status: 'agreed' }, revised, 'budi').code).toBe(
      'not_found',
    )
  })

  it('is finished only when every item is agreed or dropped, then takes no more changes', () => {
    const review = withItems()
    expect(readyToFinish(review as NonNullable<ItemReviewState>)).toBe(false)
    expect(refusal({ type: 'FinishItemReview' }, review, 'agus').message).toMatch(/agreed or dropped/)
    const settled = run(
      run(review, { type: 'SetItemStatus', itemId: 'i1', status: 'agreed' }, 'agus'),
      { type: 'SetItemStatus', itemId: 'i2', status: 'dropped' },
      'kepsek',
    )
    const finished = run(settled, { type: 'FinishItemReview' }, 'budi')
    expect(finished?.finished).toBe(true)
    expect(refusal({ type: 'AddItem', itemId: 'i3' }, finished, 'agus').code).toBe('conflict')
  })

  it('lets the reviewers and the principal write the items until finished; others read', () => {
    const review = started() as NonNullable<ItemReviewState>
    expect(itemReviewDocumentAccess(review, { memberId: 'agus', role: 'teacher' })).toBe('write')
    expect(itemReviewDocumentAccess(review, { memberId: 'kepsek', role: 'principal' })).toBe('write')
    expect(itemReviewDocumentAccess(review, { memberId: 'sari', role: 'teacher' })).toBe('read')
    expect(itemReviewDocumentAccess(review, { memberId: 'pengawas', role: 'supervisor' })).toBe('read')
    expect(
      itemReviewDocumentAccess({ ...review, finished: true }, { memberId: 'agus', role: 'teacher' }),
    ).toBe('read')
  })

  it('gives a supervisor named as a reviewer no more than reading', () => {
    const review = run(
      started(),
      { type: 'AddReviewer', memberId: 'pengawas' },
      'agus',
    ) as NonNullable<ItemReviewState>
    expect(review.reviewers).toContain('pengawas')
    expect(itemReviewDocumentAccess(review, { memberId: 'pengawas', role: 'supervisor' })).toBe('read')
    expect(refusal({ type: 'AddItem', itemId: 'i9' }, review, 'pengawas').code).toBe('forbidden')
  })
})
