import { randomBytes } from 'node:crypto'
import { Inject, Injectable } from '@nestjs/common'
import { activityMap, activityTemplates, applyTemplate } from '@rembuk/collab'
import {
  CommandRefused,
  createEventOf,
  decideMap,
  type MapCommand,
  mapEventDefinitions,
  mapStream,
} from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import * as Y from 'yjs'
import type { SessionMember } from '../accounts/auth.decorators.js'
import { runCommand } from '../common/run-command.js'
import { appendFirstContent } from '../documents/first-content.js'
import { SchoolDirectory } from '../schools/school-directory.js'
import { EVENT_STORE } from '../store/store.module.js'
import { MapDirectory } from './map-directory.js'

@Injectable()
export class MapCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly maps: MapDirectory,
    private readonly schools: SchoolDirectory,
  ) {}

  /** Starts a map and writes its first content: the chosen template, or just the activity's title. */
  async create(by: SessionMember, input: { title: string; template?: string; team?: string[] }) {
    const template = input.template ? activityTemplates.find((t) => t.id === input.template) : undefined
    if (input.template && !template) throw new CommandRefused('invalid', `No template ${input.template}`)
    const mapId = `pk_${randomBytes(9).toString('base64url')}`
    const docId = `peta-${mapId}`
    const command: MapCommand = {
      type: 'CreateMap',
      mapId,
      schoolId: by.schoolId,
      docId,
      title: input.title,
      template: template?.id ?? null,
      ...(input.team ? { team: input.team } : {}),
    }
    await this.execute(by, mapId, command)
    const doc = new Y.Doc()
    if (template) applyTemplate(doc, template)
    else activityMap(doc).setActivity(input.title, '')
    try {
      await appendFirstContent(this.store, docId, doc, this.metadata(by))
    } finally {
      doc.destroy()
    }
    return this.require(by, mapId)
  }

  execute(by: SessionMember, mapId: string, command: MapCommand): Promise<void> {
    const actor = this.schools.actor(by)
    return runCommand({
      store: this.store,
      stream: mapStream(mapId),
      what: 'map',
      decide: () => {
        const entry = command.type === 'CreateMap' ? undefined : this.requireEntry(by, mapId)
        const events = decideMap(command, entry?.state, actor).map((e) =>
          createEventOf(mapEventDefinitions, e, this.metadata(by)),
        )
        return { events, expected: entry?.revision ?? 'no_stream' }
      },
      settled: (position) => this.maps.waitFor(position),
    })
  }

  require(by: SessionMember, mapId: string) {
    return this.requireEntry(by, mapId).state
  }

  private requireEntry(by: SessionMember, mapId: string) {
    const entry = this.maps.get(mapId)
    if (!entry || entry.state.schoolId !== by.schoolId) throw new CommandRefused('not_found', 'No such map')
    return entry
  }

  private metadata(by: SessionMember) {
    return { actorId: by.memberId, actorName: by.name, schoolId: by.schoolId }
  }
}
