import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common'
import {
  evolveMeeting,
  type Meeting,
  type MeetingEvent,
  meetingEventDefinitions,
  meetingStreamPrefix,
} from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import { AggregateDirectory } from '../projections/aggregate-directory.js'
import { EVENT_STORE } from '../store/store.module.js'

/** Every meeting (protocol meetings, learning groups, team meetings), built from the `meeting-*` streams. */
@Injectable()
export class MeetingDirectory
  extends AggregateDirectory<Meeting, MeetingEvent>
  implements OnModuleInit, OnModuleDestroy
{
  constructor(@Inject(EVENT_STORE) store: EventStore) {
    super(MeetingDirectory.name, store, meetingStreamPrefix, meetingEventDefinitions, evolveMeeting)
  }

  onModuleInit(): Promise<void> {
    return this.start()
  }

  onModuleDestroy(): Promise<void> {
    return this.stop()
  }
}
