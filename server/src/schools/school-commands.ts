import { Inject, Injectable } from '@nestjs/common'
import {
  createEventOf,
  decideSchool,
  type EventMetadata,
  type SchoolCommand,
  schoolEventDefinitions,
  schoolStream,
} from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import { runCommand } from '../common/run-command.js'
import { EVENT_STORE } from '../store/store.module.js'
import { SchoolDirectory } from './school-directory.js'

@Injectable()
export class SchoolCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly directory: SchoolDirectory,
  ) {}

  execute(schoolId: string, command: SchoolCommand, metadata: EventMetadata): Promise<void> {
    return runCommand({
      store: this.store,
      stream: schoolStream(schoolId),
      what: 'school',
      decide: () => {
        const entry = this.directory.get(schoolId)
        const events = decideSchool(command, entry?.school).map((e) =>
          createEventOf(schoolEventDefinitions, e, metadata),
        )
        return { events, expected: entry?.revision ?? 'no_stream' }
      },
      settled: (position) => this.directory.waitFor(position),
    })
  }
}
