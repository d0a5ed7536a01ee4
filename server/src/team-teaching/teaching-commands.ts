import { Inject, Injectable } from '@nestjs/common'
import { startTeachingPrep } from '@rembuk/collab'
import {
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
import { memberMetadata, runRecordCommand } from '../common/run-command.js'
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
      await appendFirstContent(this.store, docId, doc, memberMetadata(by))
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
    return runRecordCommand({
      store: this.store,
      directory: this.directory,
      stream: teachingStream(teachingId),
      what: 'team-teaching arrangement',
      notFound: 'No such team-teaching arrangement',
      by,
      id: teachingId,
      starts: command.type === 'ArrangeTeamTeaching',
      definitions: teachingEventDefinitions,
      decide: (state) => decideTeaching(command, state, actor),
    })
  }

  /** The arrangement, if it belongs to the member's school; not found otherwise. */
  requireEntry(by: SessionMember, teachingId: string): DirectoryEntry<TeamTeaching> {
    return this.directory.ofSchoolOrRefuse(teachingId, by.schoolId, 'No such team-teaching arrangement')
  }
}
