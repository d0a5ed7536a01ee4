import { randomBytes } from 'node:crypto'
import { Inject, Injectable } from '@nestjs/common'
import {
  type AgendaItem,
  CommandRefused,
  createEventOf,
  decideMeeting,
  type Meeting,
  type MeetingCommand,
  type MeetingKind,
  meetingEventDefinitions,
  meetingStream,
} from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import type { SessionMember } from '../accounts/auth.decorators.js'
import { runCommand } from '../common/run-command.js'
import type { DirectoryEntry } from '../projections/aggregate-directory.js'
import { SchoolDirectory } from '../schools/school-directory.js'
import { EVENT_STORE } from '../store/store.module.js'
import { MeetingDirectory } from './meeting-directory.js'

export interface MeetingInput {
  kind: MeetingKind
  title: string
  date: string
  chair?: string
  agenda?: AgendaItem[]
}

@Injectable()
export class MeetingCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly meetings: MeetingDirectory,
    private readonly schools: SchoolDirectory,
  ) {}

  async schedule(by: SessionMember, input: MeetingInput): Promise<DirectoryEntry<Meeting>> {
    const meetingId = `rp_${randomBytes(9).toString('base64url')}`
    await this.execute(by, meetingId, { type: 'ScheduleMeeting', meetingId, schoolId: by.schoolId, ...input })
    return this.requireEntry(by, meetingId)
  }

  execute(by: SessionMember, meetingId: string, command: MeetingCommand): Promise<void> {
    const actor = this.schools.actor(by)
    const metadata = { actorId: by.memberId, actorName: by.name, schoolId: by.schoolId }
    return runCommand({
      store: this.store,
      stream: meetingStream(meetingId),
      what: 'meeting',
      decide: () => {
        const entry = command.type === 'ScheduleMeeting' ? undefined : this.requireEntry(by, meetingId)
        const events = decideMeeting(command, entry?.state, actor).map((e) =>
          createEventOf(meetingEventDefinitions, e, metadata),
        )
        return { events, expected: entry?.revision ?? 'no_stream' }
      },
      settled: (position) => this.meetings.waitFor(position),
    })
  }

  /** The meeting, if it belongs to the member's school; not found otherwise. */
  require(by: SessionMember, meetingId: string): Meeting {
    return this.requireEntry(by, meetingId).state
  }

  requireEntry(by: SessionMember, meetingId: string): DirectoryEntry<Meeting> {
    const entry = this.meetings.get(meetingId)
    if (!entry || entry.state.schoolId !== by.schoolId)
      throw new CommandRefused('not_found', 'No such meeting')
    return entry
  }
}
