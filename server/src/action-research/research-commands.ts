import { randomBytes } from 'node:crypto'
import { Inject, Injectable } from '@nestjs/common'
import {
  CommandRefused,
  decideResearch,
  type Evidence,
  type Research,
  type ResearchCommand,
  researchEventDefinitions,
  researchStream,
} from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import type { SessionMember } from '../accounts/auth.decorators.js'
import { runRecordCommand } from '../common/run-command.js'
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
    return runRecordCommand({
      store: this.store,
      directory: this.studies,
      stream: researchStream(researchId),
      what: 'study',
      notFound: 'No such study',
      by,
      id: researchId,
      starts: command.type === 'StartResearch',
      definitions: researchEventDefinitions,
      decide: (state) => decideResearch(command, state, actor),
    })
  }

  requireEntry(by: SessionMember, researchId: string): DirectoryEntry<Research> {
    return this.studies.ofSchoolOrRefuse(researchId, by.schoolId, 'No such study')
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
