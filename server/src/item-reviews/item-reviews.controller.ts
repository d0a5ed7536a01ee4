import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common'
import { itemReviewDoc } from '@rembuk/collab'
import {
  type ItemReview,
  itemReviewIdSchema,
  itemReviewStream,
  itemStatuses,
  memberIdSchema,
  reviewDetailsSchema,
  reviewItemIdSchema,
} from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import { z } from 'zod'
import { CurrentMember, Requires, type SessionMember } from '../accounts/auth.decorators.js'
import { newId } from '../common/new-id.js'
import { ZodPipe } from '../common/zod-pipe.js'
import { logged, readStreamEvents } from '../decisions/event-log.js'
import { DocReader } from '../documents/doc-reader.js'
import type { DirectoryEntry } from '../projections/aggregate-directory.js'
import { SchoolDirectory } from '../schools/school-directory.js'
import { EVENT_STORE } from '../store/store.module.js'
import { ItemReviewCommands } from './item-review-commands.js'
import { ItemReviewDirectory } from './item-review-directory.js'

const startBody = reviewDetailsSchema.extend({
  reviewers: z.array(memberIdSchema).max(30).default([]),
  items: z.array(z.string().trim().min(1).max(5000)).max(100).default([]),
})
const memberBody = z.object({ memberId: memberIdSchema })
const commentBody = z.object({ text: z.string().trim().min(1).max(3000) })
const statusBody = z.object({ status: z.enum(itemStatuses) })
const reviewId = new ZodPipe(itemReviewIdSchema)
const itemId = new ZodPipe(reviewItemIdSchema)

const reviewView = (entry: DirectoryEntry<ItemReview>) => ({
  id: entry.state.reviewId,
  ...entry.state,
  created: entry.created.toISOString(),
  updated: entry.updated.toISOString(),
})

/** Item reviews (pembahasan soal): teachers go through a test's items together before it is given. */
@Controller('api/item-reviews')
@Requires('read', 'practice')
export class ItemReviewsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly commands: ItemReviewCommands,
    private readonly reviews: ItemReviewDirectory,
    private readonly schools: SchoolDirectory,
    private readonly reader: DocReader,
  ) {}

  @Post()
  @Requires('create', 'practice')
  async start(
    @CurrentMember() member: SessionMember,
    @Body(new ZodPipe(startBody)) body: z.infer<typeof startBody>,
  ) {
    return reviewView(await this.commands.start(member, body))
  }

  /** The school's reviews, the most recently started first. */
  @Get()
  list(@CurrentMember() member: SessionMember) {
    return this.reviews.ofSchool(member.schoolId).map(reviewView)
  }

  /** The review as it stands, each item's question text as stored, and every event of the review, oldest first. */
  @Get(':reviewId')
  async get(@CurrentMember() member: SessionMember, @Param('reviewId', reviewId) id: string) {
    const entry = this.commands.requireEntry(member, id)
    const { doc } = await this.reader.load(entry.state.docId)
    const texts = (() => {
      try {
        return itemReviewDoc(doc).texts(entry.state.items.map((item) => item.itemId))
      } finally {
        doc.destroy()
      }
    })()
    const events = await readStreamEvents(this.store, itemReviewStream(id))
    const nameOf = (memberId: string) => this.schools.member(member.schoolId, memberId)?.name
    return { ...reviewView(entry), texts, events: events.map((event) => logged(event, nameOf)) }
  }

  @Post(':reviewId/reviewers')
  @HttpCode(200)
  async addReviewer(
    @CurrentMember() member: SessionMember,
    @Param('reviewId', reviewId) id: string,
    @Body(new ZodPipe(memberBody)) body: z.infer<typeof memberBody>,
  ) {
    await this.commands.execute(member, id, { type: 'AddReviewer', memberId: body.memberId })
    return this.current(member, id)
  }

  /** A new, empty item: its question is then written in the review's document. */
  @Post(':reviewId/items')
  @HttpCode(200)
  async addItem(@CurrentMember() member: SessionMember, @Param('reviewId', reviewId) id: string) {
    await this.commands.execute(member, id, { type: 'AddItem', itemId: newId('it') })
    return this.current(member, id)
  }

  @Post(':reviewId/items/:itemId/comments')
  @HttpCode(200)
  async comment(
    @CurrentMember() member: SessionMember,
    @Param('reviewId', reviewId) id: string,
    @Param('itemId', itemId) item: string,
    @Body(new ZodPipe(commentBody)) body: z.infer<typeof commentBody>,
  ) {
    await this.commands.execute(member, id, {
      type: 'CommentOnItem',
      itemId: item,
      commentId: newId('ks'),
      text: body.text,
    })
    return this.current(member, id)
  }

  @Post(':reviewId/items/:itemId/status')
  @HttpCode(200)
  async setStatus(
    @CurrentMember() member: SessionMember,
    @Param('reviewId', reviewId) id: string,
    @Param('itemId', itemId) item: string,
    @Body(new ZodPipe(statusBody)) body: z.infer<typeof statusBody>,
  ) {
    await this.commands.execute(member, id, { type: 'SetItemStatus', itemId: item, status: body.status })
    return this.current(member, id)
  }

  @Post(':reviewId/finish')
  @HttpCode(200)
  async finish(@CurrentMember() member: SessionMember, @Param('reviewId', reviewId) id: string) {
    await this.commands.execute(member, id, { type: 'FinishItemReview' })
    return this.current(member, id)
  }

  private current(member: SessionMember, id: string) {
    return reviewView(this.commands.requireEntry(member, id))
  }
}
