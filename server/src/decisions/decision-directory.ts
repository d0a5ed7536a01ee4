import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common'
import {
  type Decision,
  type DecisionEvent,
  decisionEventDefinitions,
  decisionStreamPrefix,
  evolveDecision,
} from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import { AggregateDirectory, type DirectoryEntry } from '../projections/aggregate-directory.js'
import { EVENT_STORE } from '../store/store.module.js'

export interface DecisionFilter {
  meetingId?: string
  /** Linked to the plan or to one of its fields. */
  planId?: string
  /** Linked to the map or to one of its lanes. */
  mapId?: string
  /** Linked to the teacher learning group. */
  groupId?: string
  /** A revision of the document was made because of it. */
  docId?: string
}

/** Every decision record, built from the `decision-*` streams. */
@Injectable()
export class DecisionDirectory
  extends AggregateDirectory<Decision, DecisionEvent>
  implements OnModuleInit, OnModuleDestroy
{
  constructor(@Inject(EVENT_STORE) store: EventStore) {
    super(DecisionDirectory.name, store, decisionStreamPrefix, decisionEventDefinitions, evolveDecision)
  }

  onModuleInit(): Promise<void> {
    return this.start()
  }

  onModuleDestroy(): Promise<void> {
    return this.stop()
  }

  /** The school's decisions that match every part of the filter, the most recently raised first. */
  find(schoolId: string, filter: DecisionFilter): DirectoryEntry<Decision>[] {
    return this.ofSchool(schoolId).filter(({ state }) => matches(state, filter))
  }
}

function matches(decision: Decision, filter: DecisionFilter): boolean {
  if (filter.meetingId && decision.meetingId !== filter.meetingId) return false
  const links = decision.links
  if (filter.planId && !links.some((link) => 'planId' in link && link.planId === filter.planId)) return false
  if (filter.mapId && !links.some((link) => 'mapId' in link && link.mapId === filter.mapId)) return false
  if (filter.groupId && !links.some((link) => link.kind === 'group' && link.groupId === filter.groupId))
    return false
  if (filter.docId && !decision.changes.some((change) => change.docId === filter.docId)) return false
  return true
}
