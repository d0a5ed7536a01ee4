import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common'
import {
  evolveGroup,
  type GroupEvent,
  groupEventDefinitions,
  groupStreamPrefix,
  type LearningGroup,
} from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import { AggregateDirectory } from '../projections/aggregate-directory.js'
import { EVENT_STORE } from '../store/store.module.js'

/** Every teacher learning group, built from the `group-*` streams. */
@Injectable()
export class GroupDirectory
  extends AggregateDirectory<LearningGroup, GroupEvent>
  implements OnModuleInit, OnModuleDestroy
{
  constructor(@Inject(EVENT_STORE) store: EventStore) {
    super(GroupDirectory.name, store, groupStreamPrefix, groupEventDefinitions, evolveGroup)
  }

  onModuleInit(): Promise<void> {
    return this.start()
  }

  onModuleDestroy(): Promise<void> {
    return this.stop()
  }
}
