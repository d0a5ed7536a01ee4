import { Inject, Injectable } from '@nestjs/common'
import {
  type ActivityMapRecord,
  type Decision,
  decisionEventDefinitions,
  decisionStreamPrefix,
  type EventDefinition,
  evolveDecision,
  evolveGroup,
  evolveItemReview,
  evolveMap,
  evolveMeeting,
  evolvePlan,
  evolveResearch,
  evolveTeaching,
  evolveWalkthrough,
  groupEventDefinitions,
  groupStreamPrefix,
  type ItemReview,
  itemReviewEventDefinitions,
  itemReviewStreamPrefix,
  type LearningGroup,
  type Meeting,
  mapEventDefinitions,
  mapStreamPrefix,
  meetingEventDefinitions,
  meetingStreamPrefix,
  type Plan,
  parseEventOf,
  planEventDefinitions,
  planStreamPrefix,
  type Research,
  type ResearchView,
  type Role,
  researchEventDefinitions,
  researchFor,
  researchStreamPrefix,
  type TeamTeaching,
  teachingEventDefinitions,
  teachingStreamPrefix,
  type Walkthrough,
  type WalkthroughView,
  walkthroughEventDefinitions,
  walkthroughFor,
  walkthroughStreamPrefix,
} from '@rembuk/domain'
import type { EventStore, RecordedEvent } from '@rembuk/event-store'
import type { z } from 'zod'
import { EVENT_STORE } from '../store/store.module.js'
import { docRevisionAt, positionAt } from './log-search.js'

type WithRevision<T> = T & { docRevision: number | null }

export interface SchoolAsOf {
  /** The global position everything is shown at: one consistent cut of the log. */
  position: number
  /** When the event at that position was recorded. */
  at: string | null
  plans: WithRevision<Plan>[]
  maps: WithRevision<ActivityMapRecord>[]
  meetings: Meeting[]
  decisions: Decision[]
  teaching: WithRevision<TeamTeaching>[]
  /** As the member asking may see each: no one else's private notes. */
  walkthroughs: WalkthroughView[]
  groups: LearningGroup[]
  itemReviews: WithRevision<ItemReview>[]
  /** School action research, each as the viewer may see it (scores to whom they are shown only). */
  research: ResearchView[]
}

/** One kind of aggregate, folded from its streams up to the cut. */
class Fold<State extends { schoolId: string }> {
  readonly states = new Map<string, State>()

  constructor(
    readonly prefix: string,
    private readonly definitions: Readonly<Record<string, EventDefinition<string, z.ZodType>>>,
    private readonly evolve: (state: State | undefined, event: never) => State | undefined,
  ) {}

  apply(event: RecordedEvent): void {
    if (!(event.type in this.definitions)) return
    const id = event.streamId.slice(this.prefix.length)
    const state = this.evolve(this.states.get(id), parseEventOf(this.definitions, event) as never)
    if (state) this.states.set(id, state)
  }

  ofSchool(schoolId: string): State[] {
    return [...this.states.values()].filter((state) => state.schoolId === schoolId)
  }
}

/**
 * Every plan, map, meeting, decision, team-teaching arrangement, walkthrough, learning group, item review and
 * study of a school exactly as it was at one position of the log, as the member `viewer` may see it.
 */
@Injectable()
export class SchoolAsOfService {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async at(
    viewer: { schoolId: string; memberId: string; role: Role },
    cut: { position?: number; at?: Date },
  ): Promise<SchoolAsOf> {
    const { schoolId } = viewer
    const head = await this.store.headPosition()
    const position =
      cut.position !== undefined
        ? BigInt(Math.min(cut.position, Number(head)))
        : cut.at
          ? await positionAt(this.store, cut.at)
          : head
    const plans = new Fold<Plan>(planStreamPrefix, planEventDefinitions, evolvePlan)
    const maps = new Fold<ActivityMapRecord>(mapStreamPrefix, mapEventDefinitions, evolveMap)
    const meetings = new Fold<Meeting>(meetingStreamPrefix, meetingEventDefinitions, evolveMeeting)
    const decisions = new Fold<Decision>(decisionStreamPrefix, decisionEventDefinitions, evolveDecision)
    const teaching = new Fold<TeamTeaching>(teachingStreamPrefix, teachingEventDefinitions, evolveTeaching)
    const walkthroughs = new Fold<Walkthrough>(
      walkthroughStreamPrefix,
      walkthroughEventDefinitions,
      evolveWalkthrough,
    )
    const groups = new Fold<LearningGroup>(groupStreamPrefix, groupEventDefinitions, evolveGroup)
    const itemReviews = new Fold<ItemReview>(
      itemReviewStreamPrefix,
      itemReviewEventDefinitions,
      evolveItemReview,
    )
    const research = new Fold<Research>(researchStreamPrefix, researchEventDefinitions, evolveResearch)
    const folds = [plans, maps, meetings, decisions, teaching, walkthroughs, groups, itemReviews, research]
    for await (const event of this.store.readAll({
      untilPosition: position,
      filter: { streamPrefixes: folds.map((fold) => fold.prefix) },
    })) {
      folds.find((fold) => event.streamId.startsWith(fold.prefix))?.apply(event)
    }
    let at: Date | null = null
    for await (const event of this.store.readAll({ afterPosition: position - 1n, max: 1 })) at = event.created
    const withRevision = <T extends { docId: string }>(records: T[]) =>
      Promise.all(
        records.map(async (record) => ({
          ...record,
          docRevision: (await docRevisionAt(this.store, record.docId, position)) ?? null,
        })),
      )
    return {
      position: Number(position),
      at: position > 0n && at ? at.toISOString() : null,
      plans: await withRevision(plans.ofSchool(schoolId)),
      maps: await withRevision(maps.ofSchool(schoolId)),
      meetings: meetings.ofSchool(schoolId),
      decisions: decisions.ofSchool(schoolId),
      teaching: await withRevision(teaching.ofSchool(schoolId)),
      walkthroughs: walkthroughs
        .ofSchool(schoolId)
        .map((walkthrough) => walkthroughFor(walkthrough, viewer.memberId)),
      groups: groups.ofSchool(schoolId),
      itemReviews: await withRevision(itemReviews.ofSchool(schoolId)),
      research: research.ofSchool(schoolId).map((study) => researchFor(study, viewer)),
    }
  }
}
