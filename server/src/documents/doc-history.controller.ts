import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  NotFoundException,
  Param,
  Post,
  Query,
} from '@nestjs/common'
import { docIdSchema, memberIdSchema, versionNameSchema } from '@rembuk/domain'
import { z } from 'zod'
import { CurrentMember, Requires, type SessionMember } from '../accounts/auth.decorators.js'
import { ZodPipe } from '../common/zod-pipe.js'
import { DocHistoryService } from './doc-history.service.js'
import { DocTimelineService } from './doc-timeline.service.js'
import { DocVersionsService } from './doc-versions.service.js'
import { DocumentAccess } from './document-access.js'

const revision = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER)

const historyQuery = z.object({
  from: revision.default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
})

const stateQuery = z.object({ revision: revision.optional() })

const timelineQuery = historyQuery.extend({
  actor: memberIdSchema.optional(),
  root: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .optional(),
})

const compareQuery = z.object({ from: revision, to: revision })

const frameQuery = z.object({ revision })

const versionBody = z.object({
  revision: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  name: versionNameSchema,
})

@Controller('api/docs/:docId')
@Requires('read', 'history')
export class DocHistoryController {
  constructor(
    private readonly history: DocHistoryService,
    private readonly timelines: DocTimelineService,
    private readonly versions: DocVersionsService,
    private readonly access: DocumentAccess,
  ) {}

  @Get('history')
  list(
    @CurrentMember() member: SessionMember,
    @Param('docId', new ZodPipe(docIdSchema)) docId: string,
    @Query(new ZodPipe(historyQuery)) query: z.infer<typeof historyQuery>,
  ) {
    this.requireReadable(docId, member)
    return this.history.history(docId, query.from, query.limit)
  }

  @Get('state')
  state(
    @CurrentMember() member: SessionMember,
    @Param('docId', new ZodPipe(docIdSchema)) docId: string,
    @Query(new ZodPipe(stateQuery)) query: z.infer<typeof stateQuery>,
  ) {
    this.requireReadable(docId, member)
    return this.history.state(docId, query.revision)
  }

  /** Each event with who made it and which part of the document it changed; `actor` and `root` filter. */
  @Get('timeline')
  timeline(
    @CurrentMember() member: SessionMember,
    @Param('docId', new ZodPipe(docIdSchema)) docId: string,
    @Query(new ZodPipe(timelineQuery)) query: z.infer<typeof timelineQuery>,
  ) {
    this.requireReadable(docId, member)
    return this.timelines.timeline(docId, query.from, query.limit, { actorId: query.actor, root: query.root })
  }

  /** The document at a revision together with the event that made it: one frame of a replay. */
  @Get('frame')
  frame(
    @CurrentMember() member: SessionMember,
    @Param('docId', new ZodPipe(docIdSchema)) docId: string,
    @Query(new ZodPipe(frameQuery)) query: z.infer<typeof frameQuery>,
  ) {
    this.requireReadable(docId, member)
    return this.timelines.frame(docId, query.revision)
  }

  @Get('compare')
  compare(
    @CurrentMember() member: SessionMember,
    @Param('docId', new ZodPipe(docIdSchema)) docId: string,
    @Query(new ZodPipe(compareQuery)) query: z.infer<typeof compareQuery>,
  ) {
    this.requireReadable(docId, member)
    return this.timelines.compare(docId, query.from, query.to)
  }

  @Get('versions')
  versionList(
    @CurrentMember() member: SessionMember,
    @Param('docId', new ZodPipe(docIdSchema)) docId: string,
  ) {
    this.requireReadable(docId, member)
    return this.versions.list(docId)
  }

  /** The document's writers and the principal name versions. */
  @Post('versions')
  nameVersion(
    @CurrentMember() member: SessionMember,
    @Param('docId', new ZodPipe(docIdSchema)) docId: string,
    @Body(new ZodPipe(versionBody)) body: z.infer<typeof versionBody>,
  ) {
    const access = this.requireReadable(docId, member)
    if (access !== 'write' && member.role !== 'principal') {
      throw new ForbiddenException("Only the document's writers and the principal name its versions")
    }
    return this.versions.name(docId, body.revision, body.name, member)
  }

  private requireReadable(docId: string, member: SessionMember): 'read' | 'write' {
    const access = this.access.of(docId, member)
    if (access === undefined || access === 'none') throw new NotFoundException(`No document ${docId}`)
    return access
  }
}
