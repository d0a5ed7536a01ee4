import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common'
import {
  evolveTeaching,
  type TeachingEvent,
  type TeamTeaching,
  teachingEventDefinitions,
  teachingStreamPrefix,
} from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import { AggregateDirectory } from '../projections/aggregate-directory.js'
import { EVENT_STORE } from '../store/store.module.js'

/** Every team-teaching arrangement, and which preparation document belongs to which, from `teaching-*`. */
@Injectable()
export class TeachingDirectory
  extends AggregateDirectory<TeamTeaching, TeachingEvent>
  implements OnModuleInit, OnModuleDestroy
{
  constructor(@Inject(EVENT_STORE) store: EventStore) {
    super(TeachingDirectory.name, store, teachingStreamPrefix, teachingEventDefinitions, evolveTeaching)
  }

  onModuleInit(): Promise<void> {
    return this.start()
  }

  onModuleDestroy(): Promise<void> {
    return this.stop()
  }
}
