import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common'
import { activityMap, activityTemplates } from '@rembuk/collab'
import {
  type ActivityMapRecord,
  mapIdSchema,
  mapTitleSchema,
  memberIdSchema,
  templateIdSchema,
} from '@rembuk/domain'
import { z } from 'zod'
import { CurrentMember, Requires, type SessionMember } from '../accounts/auth.decorators.js'
import { ZodPipe } from '../common/zod-pipe.js'
import { DocReader } from '../documents/doc-reader.js'
import { MapCommands } from './map-commands.js'
import { MapDirectory } from './map-directory.js'

const createBody = z.object({
  title: mapTitleSchema,
  template: templateIdSchema.optional(),
  team: z.array(memberIdSchema).max(30).optional(),
})
const memberBody = z.object({ memberId: memberIdSchema })
const mapId = new ZodPipe(mapIdSchema)
const view = (map: ActivityMapRecord) => ({ id: map.mapId, ...map })

@Controller('api')
export class MapsController {
  constructor(
    private readonly commands: MapCommands,
    private readonly directory: MapDirectory,
    private readonly reader: DocReader,
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

  @Get('maps/:mapId')
  @Requires('read', 'map')
  async get(@CurrentMember() member: SessionMember, @Param('mapId', mapId) id: string) {
    const map = this.commands.require(member, id)
    const { doc } = await this.reader.load(map.docId)
    try {
      return { ...view(map), content: activityMap(doc).toJson() }
    } finally {
      doc.destroy()
    }
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
