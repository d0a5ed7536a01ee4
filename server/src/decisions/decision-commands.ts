import { Inject, Injectable } from '@nestjs/common'
import { activityMap, lessonPlanRoots } from '@rembuk/collab'
import {
  CommandRefused,
  createEventOf,
  type Decision,
  type DecisionCommand,
  type DecisionLink,
  decideDecision,
  decisionEventDefinitions,
  decisionStream,
  docStream,
} from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import type { SessionMember } from '../accounts/auth.decorators.js'
import { newId } from '../common/new-id.js'
import { runCommand } from '../common/run-command.js'
import { DocReader } from '../documents/doc-reader.js'
import { GroupDirectory } from '../learning-groups/group-directory.js'
import { MapDirectory } from '../maps/map-directory.js'
import { PlanDirectory } from '../plans/plan-directory.js'
import type { DirectoryEntry } from '../projections/aggregate-directory.js'
import { SchoolDirectory } from '../schools/school-directory.js'
import { EVENT_STORE } from '../store/store.module.js'
import { DecisionDirectory } from './decision-directory.js'
import { MeetingDirectory } from './meeting-directory.js'

export interface ProposalInput {
  title: string
  text: string
  meetingId?: string
  agendaKey?: string
  links?: DecisionLink[]
}

@Injectable()
export class DecisionCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly decisions: DecisionDirectory,
    private readonly meetings: MeetingDirectory,
    private readonly plans: PlanDirectory,
    private readonly maps: MapDirectory,
    private readonly groups: GroupDirectory,
    private readonly docs: DocReader,
    private readonly schools: SchoolDirectory,
  ) {}

  /** Raises a proposal; what it links to must exist in the member's school. */
  async raise(by: SessionMember, input: ProposalInput): Promise<DirectoryEntry<Decision>> {
    for (const link of input.links ?? []) await this.checkLink(by, link)
    const decisionId = newId('kp')
    await this.execute(by, decisionId, { type: 'RaiseProposal', decisionId, schoolId: by.schoolId, ...input })
    return this.requireEntry(by, decisionId)
  }

  addOption(by: SessionMember, decisionId: string, text: string): Promise<void> {
    return this.execute(by, decisionId, { type: 'AddOption', optionId: newId('op'), text })
  }

  addComment(by: SessionMember, decisionId: string, text: string): Promise<void> {
    return this.execute(by, decisionId, { type: 'AddComment', commentId: newId('km'), text })
  }

  /** Records that a revision of a plan's or map's document of the school was made because of the decision. */
  async linkChange(
    by: SessionMember,
    decisionId: string,
    change: { docId: string; revision: number; note: string },
  ): Promise<void> {
    const owner = this.plans.byDoc(change.docId) ?? this.maps.byDoc(change.docId)
    if (owner?.schoolId !== by.schoolId) throw new CommandRefused('not_found', 'No such document')
    const newest = await this.store.streamRevision(docStream(change.docId))
    if (newest === undefined || BigInt(change.revision) > newest)
      throw new CommandRefused('invalid', `The document has no revision ${change.revision}`)
    await this.execute(by, decisionId, { type: 'LinkChange', ...change })
  }

  execute(by: SessionMember, decisionId: string, command: DecisionCommand): Promise<void> {
    const actor = this.schools.actor(by)
    const metadata = { actorId: by.memberId, actorName: by.name, schoolId: by.schoolId }
    return runCommand({
      store: this.store,
      stream: decisionStream(decisionId),
      what: 'decision',
      decide: () => {
        const entry = command.type === 'RaiseProposal' ? undefined : this.requireEntry(by, decisionId)
        const meetingId = command.type === 'RaiseProposal' ? command.meetingId : entry?.state.meetingId
        const events = decideDecision(command, entry?.state, actor, this.meetingOf(by, meetingId)).map((e) =>
          createEventOf(decisionEventDefinitions, e, metadata),
        )
        return { events, expected: entry?.revision ?? 'no_stream' }
      },
      settled: (position) => this.decisions.waitFor(position),
    })
  }

  /** The decision, if it belongs to the member's school; not found otherwise. */
  require(by: SessionMember, decisionId: string): Decision {
    return this.requireEntry(by, decisionId).state
  }

  requireEntry(by: SessionMember, decisionId: string): DirectoryEntry<Decision> {
    const entry = this.decisions.get(decisionId)
    if (!entry || entry.state.schoolId !== by.schoolId)
      throw new CommandRefused('not_found', 'No such decision')
    return entry
  }

  private meetingOf(by: SessionMember, meetingId: string | null | undefined) {
    const meeting = meetingId ? this.meetings.get(meetingId)?.state : undefined
    return meeting?.schoolId === by.schoolId ? meeting : undefined
  }

  private async checkLink(by: SessionMember, link: DecisionLink): Promise<void> {
    if (link.kind === 'group') {
      const group = this.groups.get(link.groupId)?.state
      if (group?.schoolId !== by.schoolId)
        throw new CommandRefused('not_found', `No such group ${link.groupId}`)
      if (link.groupMeetingId && !group.meetings.some((m) => m.meetingId === link.groupMeetingId))
        throw new CommandRefused('not_found', `The group has no meeting ${link.groupMeetingId}`)
      return
    }
    if (link.kind === 'plan' || link.kind === 'plan-field') {
      const plan = this.plans.get(link.planId)?.state
      if (plan?.schoolId !== by.schoolId) throw new CommandRefused('not_found', `No such plan ${link.planId}`)
      if (link.kind === 'plan-field' && !lessonPlanRoots.includes(link.field))
        throw new CommandRefused('invalid', `A plan has no field ${link.field}`)
      return
    }
    const map = this.maps.get(link.mapId)?.state
    if (map?.schoolId !== by.schoolId) throw new CommandRefused('not_found', `No such map ${link.mapId}`)
    if (link.kind === 'map') return
    const { doc } = await this.docs.load(map.docId)
    try {
      if (
        !activityMap(doc)
          .toJson()
          .lanes.some((lane) => lane.id === link.laneId)
      )
        throw new CommandRefused('invalid', `The map has no lane ${link.laneId}`)
    } finally {
      doc.destroy()
    }
  }
}
