import { Inject, Injectable } from '@nestjs/common'
import { itemReviewDoc } from '@rembuk/collab'
import {
  decideItemReview,
  type ItemReview,
  type ItemReviewCommand,
  itemReviewDocPrefix,
  itemReviewEventDefinitions,
  itemReviewStream,
} from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import * as Y from 'yjs'
import type { SessionMember } from '../accounts/auth.decorators.js'
import { newId } from '../common/new-id.js'
import { memberMetadata, runRecordCommand } from '../common/run-command.js'
import { appendFirstContent } from '../documents/first-content.js'
import type { DirectoryEntry } from '../projections/aggregate-directory.js'
import { SchoolDirectory } from '../schools/school-directory.js'
import { EVENT_STORE } from '../store/store.module.js'
import { ItemReviewDirectory } from './item-review-directory.js'

export interface StartInput {
  testName: string
  subject: string
  className: string
  testDate: string
  reviewers: string[]
  /** The question texts the review starts with, one item each. */
  items: string[]
}

@Injectable()
export class ItemReviewCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly reviews: ItemReviewDirectory,
    private readonly schools: SchoolDirectory,
  ) {}

  /**
   * Starts a review with its first items (one append), then writes their question texts as the document's
   * first content.
   */
  async start(by: SessionMember, input: StartInput): Promise<DirectoryEntry<ItemReview>> {
    const reviewId = newId('ts')
    const docId = `${itemReviewDocPrefix}${reviewId}`
    const { items, ...details } = input
    const itemIds = items.map(() => newId('it'))
    await this.execute(by, reviewId, {
      type: 'StartItemReview',
      reviewId,
      schoolId: by.schoolId,
      docId,
      ...details,
      itemIds,
    })
    const doc = new Y.Doc()
    try {
      const content = itemReviewDoc(doc)
      items.forEach((text, index) => {
        content.itemText(itemIds[index] as string).insert(0, text)
      })
      await appendFirstContent(this.store, docId, doc, memberMetadata(by))
    } finally {
      doc.destroy()
    }
    return this.requireEntry(by, reviewId)
  }

  execute(by: SessionMember, reviewId: string, command: ItemReviewCommand): Promise<void> {
    const actor = this.schools.actor(by)
    return runRecordCommand({
      store: this.store,
      directory: this.reviews,
      stream: itemReviewStream(reviewId),
      what: 'item review',
      notFound: 'No such item review',
      by,
      id: reviewId,
      starts: command.type === 'StartItemReview',
      definitions: itemReviewEventDefinitions,
      decide: (state) => decideItemReview(command, state, actor),
    })
  }

  /** The review, if it belongs to the member's school; not found otherwise. */
  requireEntry(by: SessionMember, reviewId: string): DirectoryEntry<ItemReview> {
    return this.reviews.ofSchoolOrRefuse(reviewId, by.schoolId, 'No such item review')
  }
}
