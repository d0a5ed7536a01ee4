import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common'
import {
  evolvePlan,
  type Plan,
  type PlanEvent,
  parseEventOf,
  planEventDefinitions,
  planStreamPrefix,
} from '@rembuk/domain'
import type { EventStore, RecordedEvent } from '@rembuk/event-store'
import { LiveProjection } from '../projections/live-projection.js'
import { EVENT_STORE } from '../store/store.module.js'

export interface PlanEntry {
  plan: Plan
  revision: bigint
  updated: Date
}

/** Every joint plan, and which plan each document belongs to, built from the `plan-*` streams. */
@Injectable()
export class PlanDirectory implements OnModuleInit, OnModuleDestroy {
  private readonly plans = new Map<string, PlanEntry>()
  private readonly planOfDoc = new Map<string, string>()
  private readonly projection: LiveProjection

  constructor(@Inject(EVENT_STORE) store: EventStore) {
    this.projection = new LiveProjection(PlanDirectory.name, store, planStreamPrefix, (event) =>
      this.apply(event),
    )
  }

  onModuleInit(): Promise<void> {
    return this.projection.start()
  }

  onModuleDestroy(): Promise<void> {
    return this.projection.stop()
  }

  get(planId: string): PlanEntry | undefined {
    return this.plans.get(planId)
  }

  byDoc(docId: string): Plan | undefined {
    const planId = this.planOfDoc.get(docId)
    return planId ? this.plans.get(planId)?.plan : undefined
  }

  ofSchool(schoolId: string): PlanEntry[] {
    return [...this.plans.values()].filter((entry) => entry.plan.schoolId === schoolId)
  }

  waitFor(position: bigint): Promise<void> {
    return this.projection.waitFor(position)
  }

  private apply(recorded: RecordedEvent): void {
    if (!(recorded.type in planEventDefinitions)) return
    const event = parseEventOf(planEventDefinitions, recorded) as PlanEvent
    const planId = recorded.streamId.slice(planStreamPrefix.length)
    const plan = evolvePlan(this.plans.get(planId)?.plan, event)
    if (!plan) return
    this.plans.set(planId, { plan, revision: recorded.revision, updated: recorded.created })
    this.planOfDoc.set(plan.docId, planId)
  }
}
