import { randomBytes } from 'node:crypto'
import { Inject, Injectable } from '@nestjs/common'
import {
  CommandRefused,
  createEventOf,
  decideResearch,
  type Evidence,
  type Research,
  type ResearchCommand,
  researchEventDefinitions,
  researchStream,
} from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import type { SessionMember } from '../accounts/auth.decorators.js'
import { runCommand } from '../common/run-command.js'
import { DecisionDirectory } from '../decisions/decision-directory.js'
import { MeetingDirectory } from '../decisions/meeting-directory.js'
import { MapDirectory } from '../maps/map-directory.js'
import { PlanDirectory } from '../plans/plan-directory.js'
import type { DirectoryEntry } from '../projections/aggregate-directory.js'
import { SchoolDirectory } from '../schools/school-directory.js'
import { EVENT_STORE } from '../store/store.module.js'
import { ResearchDirectory } from './research-directory.js'

@Injectable()
export class ResearchCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly studies: ResearchDirectory,
    private readonly schools: SchoolDirectory,
    private readonly plans: PlanDirectory,
    private readonly maps: MapDirectory,
    private readonly meetings: MeetingDirectory,
    private readonly decisions: DecisionDirectory,
  ) {}

  async start(
    by: SessionMember,
    input: Omit<Extract<ResearchCommand, { type: 'StartResearch' }>, 'type' | 'researchId' | 'schoolId'>,
  ): Promise<DirectoryEntry<Research>> {
    const researchId = `pts_${randomBytes(9).toString('base64url')}`
    await this.execute(by, researchId, { type: 'StartResearch', researchId, schoolId: by.schoolId, ...input })
    return this.requireEntry(by, researchId)
  }

  /** Ticks a step of the data-driven cycle; its evidence, when it names a record, must be of the school. */
  async recordDataStep(
    by: SessionMember,
    researchId: string,
    command: Extract<ResearchCommand, { type: 'RecordDataStep' }>,
  ): Promise<void> {
    if (command.evidence) this.checkEvidence(by, command.evidence)
    await this.execute(by, researchId, command)
  }

  execute(by: SessionMember, researchId: string, command: ResearchCommand): Promise<void> {
    const actor = this.schools.actor(by)
    const metadata = { actorId: by.memberId, actorName: by.name, schoolId: by.schoolId }
    return runCommand({
      store: this.store,
      stream: researchStream(researchId),
      what: 'study',
      decide: () => {
        const entry = command.type === 'StartResearch' ? undefined : this.requireEntry(by, researchId)
        const events = decideResearch(command, entry?.state, actor).map((e) =>
          createEventOf(researchEventDefinitions, e, metadata),
        )
        return { events, expected: entry?.revision ?? 'no_stream' }
      },
      settled: (position) => this.studies.waitFor(position),
    })
  }

  requireEntry(by: SessionMember, researchId: string): DirectoryEntry<Research> {
    const entry = this.studies.get(researchId)
    if (!entry || entry.state.schoolId !== by.schoolId) throw new CommandRefused('not_found', 'No such study')
    return entry
  }

  private checkEvidence(by: SessionMember, evidence: Evidence): void {
    const record =
      evidence.kind === 'plan'
        ? this.plans.get(evidence.planId)
        : evidence.kind === 'map'
          ? this.maps.get(evidence.mapId)
          : evidence.kind === 'meeting'
            ? this.meetings.get(evidence.meetingId)
            : evidence.kind === 'decision'
              ? this.decisions.get(evidence.decisionId)
              : undefined
    if (evidence.kind !== 'url' && record?.state.schoolId !== by.schoolId)
      throw new CommandRefused('not_found', `No such ${evidence.kind} in this school`)
  }
}
