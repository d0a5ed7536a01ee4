import { randomBytes } from 'node:crypto'
import { Inject, Injectable } from '@nestjs/common'
import { activityMap, activityTemplates, applyTemplate } from '@rembuk/collab'
import {
  type ActivityMapRecord,
  announcedActivity,
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
import { DocReader } from '../documents/doc-reader.js'
import { appendFirstContent } from '../documents/first-content.js'
import { SchoolDirectory } from '../schools/school-directory.js'
import { EVENT_STORE } from '../store/store.module.js'
import { activityWhenLanesBegan } from './activity-baseline.js'
import { MapDirectory } from './map-directory.js'

const nameKey = (name: string) => name.trim().replace(/\s+/g, ' ').toLowerCase()

@Injectable()
export class MapCommands {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly maps: MapDirectory,
    private readonly schools: SchoolDirectory,
    private readonly reader: DocReader,
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

  /**
   * Tells every lane that the shared activity changed: the server reads the activity and the lanes from the
   * map's document, and the change stands only if the activity differs from what the lanes last heard of.
   */
  async announceActivityChange(by: SessionMember, mapId: string, summary: string): Promise<void> {
    const map = this.require(by, mapId)
    const { doc, revision } = await this.reader.load(map.docId)
    try {
      const content = activityMap(doc).toJson()
      const before =
        announcedActivity(map.activityChanges) ??
        (await activityWhenLanesBegan(this.store, map.docId)) ??
        content.activity
      await this.execute(by, mapId, {
        type: 'AnnounceActivityChange',
        changeId: `pr_${randomBytes(9).toString('base64url')}`,
        summary,
        before,
        after: content.activity,
        docRevision: Number(revision ?? 0n),
        lanes: content.lanes.map((lane) => ({
          laneId: lane.id,
          subject: lane.subject,
          teacherId: this.teacherOf(map, lane.teacher),
          teacherName: lane.teacher,
        })),
      })
    } finally {
      doc.destroy()
    }
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

  /** The member a lane names as its teacher: on the map's team first, then anyone of the school. */
  private teacherOf(map: ActivityMapRecord, name: string): string | null {
    if (!name.trim()) return null
    const members = [...(this.schools.get(map.schoolId)?.school.members.values() ?? [])].filter(
      (member) => nameKey(member.name) === nameKey(name),
    )
    const onTeam = members.find((member) => map.team.includes(member.memberId))
    return (onTeam ?? members[0])?.memberId ?? null
  }

  private metadata(by: SessionMember) {
    return { actorId: by.memberId, actorName: by.name, schoolId: by.schoolId }
  }
}
