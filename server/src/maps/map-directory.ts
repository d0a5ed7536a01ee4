import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common'
import {
  type ActivityMapRecord,
  evolveMap,
  type MapEvent,
  mapEventDefinitions,
  mapStreamPrefix,
} from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import { AggregateDirectory } from '../projections/aggregate-directory.js'
import { EVENT_STORE } from '../store/store.module.js'

/** Every activity map, and which map each document belongs to, built from the `map-*` streams. */
@Injectable()
export class MapDirectory
  extends AggregateDirectory<ActivityMapRecord, MapEvent>
  implements OnModuleInit, OnModuleDestroy
{
  constructor(@Inject(EVENT_STORE) store: EventStore) {
    super(MapDirectory.name, store, mapStreamPrefix, mapEventDefinitions, evolveMap)
  }

  onModuleInit(): Promise<void> {
    return this.start()
  }

  onModuleDestroy(): Promise<void> {
    return this.stop()
  }
}
