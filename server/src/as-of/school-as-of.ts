import { Inject, Injectable } from '@nestjs/common'
import {
  type ActivityMapRecord,
  evolveMap,
  evolvePlan,
  type MapEvent,
  mapEventDefinitions,
  mapStreamPrefix,
  type Plan,
  type PlanEvent,
  parseEventOf,
  planEventDefinitions,
  planStreamPrefix,
} from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import { EVENT_STORE } from '../store/store.module.js'
import { docRevisionAt, positionAt } from './log-search.js'

export interface SchoolAsOf {
  /** The global position everything is shown at: one consistent cut of the log. */
  position: number
  /** When the event at that position was recorded. */
  at: string | null
  plans: (Plan & { docRevision: number | null })[]
  maps: (ActivityMapRecord & { docRevision: number | null })[]
}

/** Every plan and map of a school exactly as it was at one position of the log. */
@Injectable()
export class SchoolAsOfService {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async at(schoolId: string, cut: { position?: number; at?: Date }): Promise<SchoolAsOf> {
    const head = await this.store.headPosition()
    const position =
      cut.position !== undefined
        ? BigInt(Math.min(cut.position, Number(head)))
        : cut.at
          ? await positionAt(this.store, cut.at)
          : head
    const plans = new Map<string, Plan>()
    const maps = new Map<string, ActivityMapRecord>()
    let at: Date | null = null
    for await (const event of this.store.readAll({
      untilPosition: position,
      filter: { streamPrefixes: [planStreamPrefix, mapStreamPrefix] },
    })) {
      if (event.streamId.startsWith(planStreamPrefix) && event.type in planEventDefinitions) {
        const id = event.streamId.slice(planStreamPrefix.length)
        const state = evolvePlan(plans.get(id), parseEventOf(planEventDefinitions, event) as PlanEvent)
        if (state) plans.set(id, state)
      } else if (event.streamId.startsWith(mapStreamPrefix) && event.type in mapEventDefinitions) {
        const id = event.streamId.slice(mapStreamPrefix.length)
        const state = evolveMap(maps.get(id), parseEventOf(mapEventDefinitions, event) as MapEvent)
        if (state) maps.set(id, state)
      }
    }
    for await (const event of this.store.readAll({ afterPosition: position - 1n, max: 1 })) at = event.created
    const withRevision = async <T extends { docId: string; schoolId: string }>(records: Iterable<T>) =>
      Promise.all(
        [...records]
          .filter((record) => record.schoolId === schoolId)
          .map(async (record) => ({
            ...record,
            docRevision: (await docRevisionAt(this.store, record.docId, position)) ?? null,
          })),
      )
    return {
      position: Number(position),
      at: position > 0n && at ? at.toISOString() : null,
      plans: await withRevision(plans.values()),
      maps: await withRevision(maps.values()),
    }
  }
}
