import { Inject, Injectable } from '@nestjs/common'
import {
  decideGroup,
  type GroupCommand,
  groupEventDefinitions,
  groupStream,
  type LearningGroup,
} from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import type { SessionMember } from '../accounts/auth.decorators.js'
import { newId } from '../common/new-id.js'
import { runRecordCommand } from '../common/run-command.js'
import type { DirectoryEntry } from '../projections/aggregate-directory.js'
import { SchoolDirectory } from '../schools/school-directory.js'
import { EVENT_STORE } from '../store/store.module.js'
import { GroupDirectory } from './group-directory.js'

type FormInput = Omit<Extract<GroupCommand, { type: 'FormGroup' }>, 'type' | 'groupId' | 'schoolId'>

@Injectable()
export class GroupCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly groups: GroupDirectory,
    private readonly schools: SchoolDirectory,
  ) {}

  async form(by: SessionMember, input: FormInput): Promise<DirectoryEntry<LearningGroup>> {
    const groupId = newId('kb')
    await this.execute(by, groupId, { type: 'FormGroup', groupId, schoolId: by.schoolId, ...input })
    return this.requireEntry(by, groupId)
  }

  execute(by: SessionMember, groupId: string, command: GroupCommand): Promise<void> {
    const actor = this.schools.actor(by)
    return runRecordCommand({
      store: this.store,
      directory: this.groups,
      stream: groupStream(groupId),
      what: 'group',
      notFound: 'No such group',
      by,
      id: groupId,
      starts: command.type === 'FormGroup',
      definitions: groupEventDefinitions,
      decide: (state) => decideGroup(command, state, actor),
    })
  }

  /** The group, if it belongs to the member's school; not found otherwise. */
  requireEntry(by: SessionMember, groupId: string): DirectoryEntry<LearningGroup> {
    return this.groups.ofSchoolOrRefuse(groupId, by.schoolId, 'No such group')
  }
}
