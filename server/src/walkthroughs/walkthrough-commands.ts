import { Inject, Injectable } from '@nestjs/common'
import {
  decideWalkthrough,
  type Walkthrough,
  type WalkthroughActor,
  type WalkthroughCommand,
  type WalkthroughContext,
  type WalkthroughFocus,
  walkthroughEventDefinitions,
  walkthroughStream,
} from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import type { SessionMember } from '../accounts/auth.decorators.js'
import { newId } from '../common/new-id.js'
import { runRecordCommand } from '../common/run-command.js'
import { PlanDirectory } from '../plans/plan-directory.js'
import type { DirectoryEntry } from '../projections/aggregate-directory.js'
import { SchoolDirectory } from '../schools/school-directory.js'
import { EVENT_STORE } from '../store/store.module.js'
import { WalkthroughDirectory } from './walkthrough-directory.js'

export interface ProposalInput {
  observer: string
  observed: string
  className: string
  lessonAt: string
  focuses: WalkthroughFocus[]
  followsUp?: string
}

/** A step on an existing walkthrough; the moment and new ids are filled in here. */
export type WalkthroughStep =
  | { type: 'ProposeOtherTime'; lessonAt: string; note: string }
  | { type: 'AgreeWalkthrough' }
  | { type: 'CancelWalkthrough'; reason: string }
  | { type: 'RecordNote'; focus: WalkthroughFocus; minute: number; text: string; private: boolean }
  | { type: 'CompleteObservation' }
  | { type: 'NoteConversation'; text: string; question: string }
  | { type: 'WriteReflection'; text: string }
  | { type: 'CommitFollowUp'; text: string; by: string }
  | { type: 'CiteInPlan'; planId: string; note: string }

@Injectable()
export class WalkthroughCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly walkthroughs: WalkthroughDirectory,
    private readonly plans: PlanDirectory,
    private readonly schools: SchoolDirectory,
  ) {}

  /** Proposes a walkthrough; `at` is when (the demo seed tells of earlier weeks). */
  async propose(
    by: SessionMember,
    input: ProposalInput,
    at = new Date(),
  ): Promise<DirectoryEntry<Walkthrough>> {
    const walkthroughId = newId('ob')
    await this.run(by, walkthroughId, {
      type: 'ProposeWalkthrough',
      walkthroughId,
      schoolId: by.schoolId,
      ...input,
      at: at.toISOString(),
    })
    return this.requireEntry(by, walkthroughId)
  }

  /** Takes one step on a walkthrough of the member's school. */
  step(by: SessionMember, walkthroughId: string, step: WalkthroughStep, at = new Date()): Promise<void> {
    switch (step.type) {
      case 'RecordNote':
        return this.run(by, walkthroughId, { ...step, noteId: newId('cn') })
      case 'NoteConversation':
        return this.run(by, walkthroughId, { ...step, noteId: newId('pb') })
      case 'CommitFollowUp':
      case 'CiteInPlan':
        return this.run(by, walkthroughId, { ...step, at: at.toISOString() })
      default:
        return this.run(by, walkthroughId, step)
    }
  }

  /** The walkthrough, if it belongs to the member's school; not found otherwise. */
  requireEntry(by: SessionMember, walkthroughId: string): DirectoryEntry<Walkthrough> {
    return this.walkthroughs.ofSchoolOrRefuse(walkthroughId, by.schoolId, 'No such walkthrough')
  }

  private run(by: SessionMember, walkthroughId: string, command: WalkthroughCommand): Promise<void> {
    const actor: WalkthroughActor = {
      memberId: by.memberId,
      role: by.role,
      roleOf: (memberId) => this.schools.member(by.schoolId, memberId)?.role,
    }
    return runRecordCommand({
      store: this.store,
      directory: this.walkthroughs,
      stream: walkthroughStream(walkthroughId),
      what: 'walkthrough',
      notFound: 'No such walkthrough',
      by,
      id: walkthroughId,
      starts: command.type === 'ProposeWalkthrough',
      definitions: walkthroughEventDefinitions,
      decide: (state) => decideWalkthrough(command, state, actor, this.context(by, command, state)),
    })
  }

  private context(
    by: SessionMember,
    command: WalkthroughCommand,
    state: Walkthrough | undefined,
  ): WalkthroughContext {
    if (command.type === 'ProposeWalkthrough' && command.followsUp) {
      const earlier = this.walkthroughs.get(command.followsUp)?.state
      return earlier?.schoolId === by.schoolId ? { earlier } : {}
    }
    if (command.type === 'CiteInPlan') {
      const plan = this.plans.get(command.planId)?.state
      return plan?.schoolId === by.schoolId ? { plan } : {}
    }
    if (command.type === 'CommitFollowUp' && state) return { followedUp: this.walkthroughs.followedUp(state) }
    return {}
  }
}
