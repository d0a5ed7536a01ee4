import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common'
import {
  evolveSchool,
  type Member,
  parseEventOf,
  type School,
  type SchoolEvent,
  schoolEventDefinitions,
  schoolStreamPrefix,
} from '@rembuk/domain'
import type { EventStore, RecordedEvent, Subscription } from '@rembuk/event-store'
import { EVENT_STORE } from '../store/store.module.js'

export interface SchoolEntry {
  school: School
  /** The revision of the school's stream this state includes. */
  revision: bigint
}

/**
 * Every school and its members, in memory, built from the `school-*` streams at start and kept current by a
 * live subscription. Commands wait here for their own events, so a reply always reflects what it did.
 */
@Injectable()
export class SchoolDirectory implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(SchoolDirectory.name)
  private readonly schools = new Map<string, SchoolEntry>()
  private position = 0n
  private waiters: { position: bigint; resolve: () => void }[] = []
  private subscription: Subscription | undefined

  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async onModuleInit(): Promise<void> {
    const subscription = this.store.subscribe({ filter: { streamPrefixes: [schoolStreamPrefix] } })
    this.subscription = subscription
    void (async () => {
      try {
        for await (const event of subscription) this.apply(event)
      } catch (error) {
        this.logger.error({ err: error }, 'the school directory stopped following the log')
      }
    })()
    await subscription.caughtUp
  }

  async onModuleDestroy(): Promise<void> {
    await this.subscription?.close()
  }

  get schoolCount(): number {
    return this.schools.size
  }

  get(schoolId: string): SchoolEntry | undefined {
    return this.schools.get(schoolId)
  }

  member(schoolId: string, memberId: string): Member | undefined {
    return this.schools.get(schoolId)?.school.members.get(memberId)
  }

  /** Resolves once the directory has applied every event up to `position`. */
  waitFor(position: bigint): Promise<void> {
    if (this.position >= position) return Promise.resolve()
    return new Promise((resolve) => this.waiters.push({ position, resolve }))
  }

  private apply(recorded: RecordedEvent): void {
    if (recorded.type in schoolEventDefinitions) {
      const event = parseEventOf(schoolEventDefinitions, recorded) as SchoolEvent
      const schoolId = recorded.streamId.slice(schoolStreamPrefix.length)
      const next = evolveSchool(this.schools.get(schoolId)?.school, event)
      if (next) this.schools.set(schoolId, { school: next, revision: recorded.revision })
    }
    this.position = recorded.position
    const ready = this.waiters.filter((w) => w.position <= this.position)
    this.waiters = this.waiters.filter((w) => w.position > this.position)
    for (const waiter of ready) waiter.resolve()
  }
}
