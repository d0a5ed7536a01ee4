import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common'
import { activityMap, activityTemplates } from '@rembuk/collab'
import {
  type ActivityMapRecord,
  changeIdSchema,
  changeSummarySchema,
  lanesToReview,
  mapIdSchema,
  mapLaneIdSchema,
  mapStream,
  mapTitleSchema,
  memberIdSchema,
  reviewsLane,
  templateIdSchema,
} from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import { z } from 'zod'
import { CurrentMember, Requires, type SessionMember } from '../accounts/auth.decorators.js'
import { ZodPipe } from '../common/zod-pipe.js'
import { logged, readStreamEvents } from '../decisions/event-log.js'
import { DocReader } from '../documents/doc-reader.js'
import { SchoolDirectory } from '../schools/school-directory.js'
import { EVENT_STORE } from '../store/store.module.js'
import { MapCommands } from './map-commands.js'
import { MapDirectory } from './map-directory.js'

const createBody = z.object({
  title: mapTitleSchema,
  template: templateIdSchema.optional(),
  team: z.array(memberIdSchema).max(30).optional(),
})
const memberBody = z.object({ memberId: memberIdSchema })
const announceBody = z.object({ summary: changeSummarySchema })
const acknowledgeBody = z.object({ laneId: mapLaneIdSchema })
const mapId = new ZodPipe(mapIdSchema)
const view = (map: ActivityMapRecord) => ({ id: map.mapId, ...map })

@Controller('api')
export class MapsController {
  constructor(
    private readonly commands: MapCommands,
    private readonly directory: MapDirectory,
    private readonly reader: DocReader,
    private readonly schools: SchoolDirectory,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get('activity-templates')
  @Requires('read', 'map')
  templates() {
    return activityTemplates.map(({ id, title, description, lanes }) => ({
      id,
      title,
      description,
      subjects: lanes.map((lane) => lane.subject),
    }))
  }

  @Post('maps')
  @Requires('create', 'map')
  async create(
    @CurrentMember() member: SessionMember,
    @Body(new ZodPipe(createBody)) body: z.infer<typeof createBody>,
  ) {
    return view(await this.commands.create(member, body))
  }

  @Get('maps')
  @Requires('read', 'map')
  list(@CurrentMember() member: SessionMember) {
    return this.directory
      .ofSchool(member.schoolId)
      .sort((a, b) => b.updated.getTime() - a.updated.getTime())
      .map((entry) => ({ ...view(entry.state), updated: entry.updated.toISOString() }))
  }

  /** The map, its content, and its own events (team, changes of the activity and their reviews), oldest first. */
  @Get('maps/:mapId')
  @Requires('read', 'map')
  async get(@CurrentMember() member: SessionMember, @Param('mapId', mapId) id: string) {
    const map = this.commands.require(member, id)
    const events = await readStreamEvents(this.store, mapStream(id))
    const { doc } = await this.reader.load(map.docId)
    const nameOf = (memberId: string) => this.schools.member(member.schoolId, memberId)?.name
    try {
      return {
        ...view(map),
        content: activityMap(doc).toJson(),
        events: events.map((event) => logged(event, nameOf)),
      }
    } finally {
      doc.destroy()
    }
  }

  /** The lanes this member is to review after a change of their maps' shared activity, oldest change first. */
  @Get('map-reviews')
  @Requires('read', 'map')
  reviews(@CurrentMember() member: SessionMember) {
    return this.directory.ofSchool(member.schoolId).flatMap(({ state: map }) =>
      map.archived
        ? []
        : [...lanesToReview(map.activityChanges)].flatMap(([laneId, changes]) =>
            changes.flatMap((change) => {
              const lane = change.lanes.find((entry) => entry.laneId === laneId)
              if (!lane || !reviewsLane(lane, map.team, member.memberId)) return []
              return [
                {
                  mapId: map.mapId,
                  title: map.title,
                  changeId: change.changeId,
                  summary: change.summary,
                  laneId,
                  subject: lane.subject,
                },
              ]
            }),
          ),
    )
  }

  @Post('maps/:mapId/activity-changes')
  @HttpCode(200)
  async announce(
    @CurrentMember() member: SessionMember,
    @Param('mapId', mapId) id: string,
    @Body(new ZodPipe(announceBody)) body: z.infer<typeof announceBody>,
  ) {
    await this.commands.announceActivityChange(member, id, body.summary)
    return view(this.commands.require(member, id))
  }

  @Post('maps/:mapId/activity-changes/:changeId/acknowledge')
  @HttpCode(200)
  async acknowledge(
    @CurrentMember() member: SessionMember,
    @Param('mapId', mapId) id: string,
    @Param('changeId', new ZodPipe(changeIdSchema)) changeId: string,
    @Body(new ZodPipe(acknowledgeBody)) body: z.infer<typeof acknowledgeBody>,
  ) {
    await this.commands.execute(member, id, { type: 'AcknowledgeLaneChange', changeId, laneId: body.laneId })
    return view(this.commands.require(member, id))
  }

  @Post('maps/:mapId/team')
  @HttpCode(200)
  async addToTeam(
    @CurrentMember() member: SessionMember,
    @Param('mapId', mapId) id: string,
    @Body(new ZodPipe(memberBody)) body: z.infer<typeof memberBody>,
  ) {
    await this.commands.execute(member, id, { type: 'AddTeamMember', memberId: body.memberId })
    return view(this.commands.require(member, id))
  }

  @Delete('maps/:mapId/team/:memberId')
  @HttpCode(200)
  async removeFromTeam(
    @CurrentMember() member: SessionMember,
    @Param('mapId', mapId) id: string,
    @Param('memberId', new ZodPipe(memberIdSchema)) memberId: string,
  ) {
    await this.commands.execute(member, id, { type: 'RemoveTeamMember', memberId })
    return view(this.commands.require(member, id))
  }

  @Post('maps/:mapId/archive')
  @HttpCode(200)
  async archive(@CurrentMember() member: SessionMember, @Param('mapId', mapId) id: string) {
    await this.commands.execute(member, id, { type: 'ArchiveMap' })
    return view(this.commands.require(member, id))
  }
}
