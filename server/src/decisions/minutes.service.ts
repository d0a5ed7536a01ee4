import { Inject, Injectable } from '@nestjs/common'
import { decisionStream, meetingStream } from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import type { SessionMember } from '../accounts/auth.decorators.js'
import { SchoolDirectory } from '../schools/school-directory.js'
import { EVENT_STORE } from '../store/store.module.js'
import { DecisionDirectory } from './decision-directory.js'
import { readStreamEvents } from './event-log.js'
import { MeetingCommands } from './meeting-commands.js'
import { buildMinutes, type Minutes } from './minutes.js'

@Injectable()
export class MinutesService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly meetings: MeetingCommands,
    private readonly decisions: DecisionDirectory,
    private readonly schools: SchoolDirectory,
  ) {}

  /** The minutes of a meeting of the member's school, read from the log, decisions in the order raised. */
  async of(by: SessionMember, meetingId: string): Promise<Minutes> {
    this.meetings.require(by, meetingId)
    const raised = this.decisions.find(by.schoolId, { meetingId }).reverse()
    const meetingEvents = await readStreamEvents(this.store, meetingStream(meetingId))
    const decisionStreams = await Promise.all(
      raised.map(({ state }) => readStreamEvents(this.store, decisionStream(state.decisionId))),
    )
    return buildMinutes(meetingEvents, decisionStreams, {
      schoolName: this.schools.get(by.schoolId)?.school.name ?? '',
      nameOf: (memberId) => this.schools.member(by.schoolId, memberId)?.name,
    })
  }
}
