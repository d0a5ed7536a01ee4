import { Inject, Injectable } from '@nestjs/common'
import { startTeachingPrep } from '@rembuk/collab'
import {
  CommandRefused,
  createEventOf,
  decideTeaching,
  type TeachingActor,
  type TeachingCommand,
  type TeachingModel,
  type TeamTeaching,
  teachingEventDefinitions,
  teachingStream,
} from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import * as Y from 'yjs'
import type { SessionMember } from '../accounts/auth.decorators.js'
import { newId } from '../common/new-id.js'
import { runCommand } from '../common/run-command.js'
import { appendFirstContent } from '../documents/first-content.js'
import type { DirectoryEntry } from '../projections/aggregate-directory.js'
import { SchoolDirectory } from '../schools/school-directory.js'
import { EVENT_STORE } from '../store/store.module.js'
import { TeachingDirectory } from './teaching-directory.js'

export interface ArrangementInput {
  title: string
  className: string
  subjects: string[]
  teachers: string[]
  model: TeachingModel
}

@Injectable()
export class TeachingCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly directory: TeachingDirectory,
    private readonly schools: SchoolDirectory,
  ) {}

  /** Arranges team teaching and starts its preparation document with the headings the pair fills in. */
  async arrange(by: SessionMember, input: ArrangementInput): Promise<DirectoryEntry<TeamTeaching>> {
    const teachingId = newId('ab')
    const docId = `ajar-${teachingId}`
    await this.execute(by, teachingId, {
      type: 'ArrangeTeamTeaching',
      teachingId,
      schoolId: by.schoolId,
      docId,
      ...input,
    })
    const doc = new Y.Doc()
    startTeachingPrep(doc, input.title)
    try {
      await appendFirstContent(this.store, docId, doc, this.metadata(by))
    } finally {
      doc.destroy()
    }
    return this.requireEntry(by, teachingId)
  }

  execute(by: SessionMember, teachingId: string, command: TeachingCommand): Promise<void> {
    const actor: TeachingActor = {
      ...this.schools.actor(by),
      roleOf: (memberId) => this.schools.member(by.schoolId, memberId)?.role,
    }
    return runCommand({
      store: this.store,
      stream: teachingStream(teachingId),
      what: 'team-teaching arrangement',
      decide: () => {
        const entry = command.type === 'ArrangeTeamTeaching' ? undefined : this.requireEntry(by, teachingId)
        const events = decideTeaching(command, entry?.state, actor).map((event) =>
          createEventOf(teachingEventDefinitions, event, this.metadata(by)),
        )
        return { events, expected: entry?.revision ?? 'no_stream' }
      },
      settled: (position) => this.directory.waitFor(position),
    })
  }

  /** The arrangement, if it belongs to the member's school; not found otherwise. */
  requireEntry(by: SessionMember, teachingId: string): DirectoryEntry<TeamTeaching> {
    const entry = this.directory.get(teachingId)
    if (!entry || entry.state.schoolId !== by.schoolId)
      throw new CommandRefused('not_found', 'No such team-teaching arrangement')
    return entry
  }

  private metadata(by: SessionMember) {
    return { actorId: by.memberId, actorName: by.name, schoolId: by.schoolId }
  }
}
