import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common'
import {
  evolveResearch,
  type Research,
  type ResearchEvent,
  researchEventDefinitions,
  researchStreamPrefix,
} from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import { AggregateDirectory } from '../projections/aggregate-directory.js'
import { EVENT_STORE } from '../store/store.module.js'

/** Every school action research, built from the `research-*` streams. */
@Injectable()
export class ResearchDirectory
  extends AggregateDirectory<Research, ResearchEvent>
  implements OnModuleInit, OnModuleDestroy
{
  constructor(@Inject(EVENT_STORE) store: EventStore) {
    super(ResearchDirectory.name, store, researchStreamPrefix, researchEventDefinitions, evolveResearch)
  }

  onModuleInit(): Promise<void> {
    return this.start()
  }

  onModuleDestroy(): Promise<void> {
    return this.stop()
  }
}
