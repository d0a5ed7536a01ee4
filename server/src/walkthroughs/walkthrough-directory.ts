import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common'
import {
  evolveWalkthrough,
  type Walkthrough,
  type WalkthroughEvent,
  walkthroughEventDefinitions,
  walkthroughStreamPrefix,
} from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import { AggregateDirectory } from '../projections/aggregate-directory.js'
import { EVENT_STORE } from '../store/store.module.js'

/** Every classroom walkthrough, built from the `walkthrough-*` streams. */
@Injectable()
export class WalkthroughDirectory
  extends AggregateDirectory<Walkthrough, WalkthroughEvent>
  implements OnModuleInit, OnModuleDestroy
{
  constructor(@Inject(EVENT_STORE) store: EventStore) {
    super(
      WalkthroughDirectory.name,
      store,
      walkthroughStreamPrefix,
      walkthroughEventDefinitions,
      evolveWalkthrough,
    )
  }

  onModuleInit(): Promise<void> {
    return this.start()
  }

  onModuleDestroy(): Promise<void> {
    return this.stop()
  }

  /** The school's walkthroughs, as states, the most recently proposed first. */
  statesOf(schoolId: string): Walkthrough[] {
    return this.ofSchool(schoolId).map((entry) => entry.state)
  }

  /** Whether a later walkthrough, not cancelled, follows this one up. */
  followedUp(walkthrough: Walkthrough): boolean {
    return this.statesOf(walkthrough.schoolId).some(
      (later) => later.followsUp === walkthrough.walkthroughId && later.status !== 'cancelled',
    )
  }
}
