import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common'
import { evolvePlan, type Plan, type PlanEvent, planEventDefinitions, planStreamPrefix } from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import { AggregateDirectory } from '../projections/aggregate-directory.js'
import { EVENT_STORE } from '../store/store.module.js'

/** Every joint plan, and which plan each document belongs to, built from the `plan-*` streams. */
@Injectable()
export class PlanDirectory
  extends AggregateDirectory<Plan, PlanEvent>
  implements OnModuleInit, OnModuleDestroy
{
  constructor(@Inject(EVENT_STORE) store: EventStore) {
    super(PlanDirectory.name, store, planStreamPrefix, planEventDefinitions, evolvePlan)
  }

  onModuleInit(): Promise<void> {
    return this.start()
  }

  onModuleDestroy(): Promise<void> {
    return this.stop()
  }
}
