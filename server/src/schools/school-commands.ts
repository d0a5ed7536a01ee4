import { Inject, Injectable } from '@nestjs/common'
import {
  CommandRefused,
  createEventOf,
  decideSchool,
  type EventMetadata,
  type SchoolCommand,
  schoolEventDefinitions,
  schoolStream,
} from '@rembuk/domain'
import { type EventStore, WrongExpectedRevisionError } from '@rembuk/event-store'
import { EVENT_STORE } from '../store/store.module.js'
import { SchoolDirectory } from './school-directory.js'

const attempts = 3

/** Decides a school command on the current state and appends its events with optimistic concurrency. */
@Injectable()
export class SchoolCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly directory: SchoolDirectory,
  ) {}

  async execute(schoolId: string, command: SchoolCommand, metadata: EventMetadata): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const entry = this.directory.get(schoolId)
      const decided = decideSchool(command, entry?.school)
      if (decided.length === 0) return
      const events = decided.map((event) => createEventOf(schoolEventDefinitions, event, metadata))
      try {
        const result = await this.store.append(schoolStream(schoolId), events, entry?.revision ?? 'no_stream')
        await this.directory.waitFor(result.position)
        return
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error
        if (attempt === attempts)
          throw new CommandRefused('conflict', 'The school changed meanwhile; try again')
        await this.directory.waitFor(await this.store.headPosition())
      }
    }
  }
}
