import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common'
import {
  evolveItemReview,
  type ItemReview,
  type ItemReviewEvent,
  itemReviewEventDefinitions,
  itemReviewStreamPrefix,
} from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import { AggregateDirectory } from '../projections/aggregate-directory.js'
import { EVENT_STORE } from '../store/store.module.js'

/** Every item review, and which review each document belongs to, built from the `itemreview-*` streams. */
@Injectable()
export class ItemReviewDirectory
  extends AggregateDirectory<ItemReview, ItemReviewEvent>
  implements OnModuleInit, OnModuleDestroy
{
  constructor(@Inject(EVENT_STORE) store: EventStore) {
    super(
      ItemReviewDirectory.name,
      store,
      itemReviewStreamPrefix,
      itemReviewEventDefinitions,
      evolveItemReview,
    )
  }

  onModuleInit(): Promise<void> {
    return this.start()
  }

  onModuleDestroy(): Promise<void> {
    return this.stop()
  }
}
