import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common'
import {
  evolveSchool,
  type Member,
  parseEventOf,
  type Role,
  type School,
  type SchoolEvent,
  schoolEventDefinitions,
  schoolStreamPrefix,
  type TeamActor,
} from '@rembuk/domain'
import type { EventStore, RecordedEvent } from '@rembuk/event-store'
import { LiveProjection } from '../projections/live-projection.js'
import { EVENT_STORE } from '../store/store.module.js'

export interface SchoolEntry {
  school: School
  /** The revision of the school's stream this state includes. */
  revision: bigint
}

/** Every school and its members, in memory, built from the `school-*` streams at start and kept current. */
@Injectable()
export class SchoolDirectory implements OnModuleInit, OnModuleDestroy {
  private readonly schools = new Map<string, SchoolEntry>()
  private readonly projection: LiveProjection

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.projection = new LiveProjection(SchoolDirectory.name, store, schoolStreamPrefix, (event) =>
      this.apply(event),
    )
  }

  onModuleInit(): Promise<void> {
    return this.projection.start()
  }

  onModuleDestroy(): Promise<void> {
    return this.projection.stop()
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

  /** A member acting in their school: who they are, and which ids are members of that school. */
  actor(member: { memberId: string; role: Role; schoolId: string }): TeamActor {
    return {
      memberId: member.memberId,
      role: member.role,
      isMember: (memberId) => this.member(member.schoolId, memberId) !== undefined,
    }
  }

  waitFor(position: bigint): Promise<void> {
    return this.projection.waitFor(position)
  }

  /** Called after each event is applied, before a command that waits for it is answered. */
  onApplied(listener: (event: RecordedEvent) => void): void {
    this.projection.onApplied(listener)
  }

  private apply(recorded: RecordedEvent): void {
    if (!(recorded.type in schoolEventDefinitions)) return
    const event = parseEventOf(schoolEventDefinitions, recorded) as SchoolEvent
    const schoolId = recorded.streamId.slice(schoolStreamPrefix.length)
    const next = evolveSchool(this.schools.get(schoolId)?.school, event)
    if (next) this.schools.set(schoolId, { school: next, revision: recorded.revision })
  }
}
