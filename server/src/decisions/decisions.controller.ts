import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common'
import {
  agendaKeySchema,
  decisionIdSchema,
  decisionLinkSchema,
  decisionOutcomes,
  decisionPositions,
  decisionStream,
  decisionTextSchema,
  decisionTitleSchema,
  docIdSchema,
  groupIdSchema,
  isoDateSchema,
  mapIdSchema,
  meetingIdSchema,
  optionIdSchema,
  planIdSchema,
} from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import { z } from 'zod'
import { CurrentMember, Requires, type SessionMember } from '../accounts/auth.decorators.js'
import { ZodPipe } from '../common/zod-pipe.js'
import { SchoolDirectory } from '../schools/school-directory.js'
import { EVENT_STORE } from '../store/store.module.js'
import { DecisionCommands } from './decision-commands.js'
import { DecisionDirectory } from './decision-directory.js'
import { logged, readStreamEvents } from './event-log.js'
import { decisionView } from './views.js'

const createBody = z.object({
  title: decisionTitleSchema,
  text: decisionTextSchema,
  meetingId: meetingIdSchema.optional(),
  agendaKey: agendaKeySchema.optional(),
  links: z.array(decisionLinkSchema).max(20).optional(),
})
const listQuery = z.object({
  planId: planIdSchema.optional(),
  mapId: mapIdSchema.optional(),
  docId: docIdSchema.optional(),
  groupId: groupIdSchema.optional(),
})
const optionBody = z.object({ text: z.string().trim().min(1).max(1000) })
const textBody = z.object({ text: decisionTextSchema })
const positionBody = z.object({
  position: z.enum(decisionPositions),
  reason: z.string().trim().max(2000).default(''),
})
const outcomeBody = z.object({
  outcome: z.enum(decisionOutcomes),
  optionId: optionIdSchema.optional(),
  rationale: decisionTextSchema,
  reviewDate: isoDateSchema.optional(),
})
const revisitBody = z.object({ reason: z.string().trim().min(1).max(2000) })
const changeBody = z.object({
  docId: docIdSchema,
  revision: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  note: z.string().trim().max(2000).default(''),
})
const decisionId = new ZodPipe(decisionIdSchema)

@Controller('api/decisions')
@Requires('read', 'decision')
export class DecisionsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly commands: DecisionCommands,
    private readonly decisions: DecisionDirectory,
    private readonly schools: SchoolDirectory,
  ) {}

  @Post()
  @Requires('create', 'decision')
  async raise(
    @CurrentMember() member: SessionMember,
    @Body(new ZodPipe(createBody)) body: z.infer<typeof createBody>,
  ) {
    return decisionView(await this.commands.raise(member, body))
  }

  /** The school's decisions, the most recently raised first; each filter narrows the list. */
  @Get()
  list(
    @CurrentMember() member: SessionMember,
    @Query(new ZodPipe(listQuery)) query: z.infer<typeof listQuery>,
  ) {
    return this.decisions.find(member.schoolId, query).map(decisionView)
  }

  /** The decision as it stands, and every event that made it so, oldest first. */
  @Get(':decisionId')
  async get(@CurrentMember() member: SessionMember, @Param('decisionId', decisionId) id: string) {
    const entry = this.commands.requireEntry(member, id)
    const events = await readStreamEvents(this.store, decisionStream(id))
    const nameOf = (memberId: string) => this.schools.member(member.schoolId, memberId)?.name
    return { ...decisionView(entry), events: events.map((event) => logged(event, nameOf)) }
  }

  @Post(':decisionId/options')
  @HttpCode(200)
  async addOption(
    @CurrentMember() member: SessionMember,
    @Param('decisionId', decisionId) id: string,
    @Body(new ZodPipe(optionBody)) body: z.infer<typeof optionBody>,
  ) {
    await this.commands.addOption(member, id, body.text)
    return this.current(member, id)
  }

  @Post(':decisionId/comments')
  @HttpCode(200)
  async comment(
    @CurrentMember() member: SessionMember,
    @Param('decisionId', decisionId) id: string,
    @Body(new ZodPipe(textBody)) body: z.infer<typeof textBody>,
  ) {
    await this.commands.addComment(member, id, body.text)
    return this.current(member, id)
  }

  @Post(':decisionId/positions')
  @HttpCode(200)
  async takePosition(
    @CurrentMember() member: SessionMember,
    @Param('decisionId', decisionId) id: string,
    @Body(new ZodPipe(positionBody)) body: z.infer<typeof positionBody>,
  ) {
    await this.commands.execute(member, id, { type: 'TakePosition', ...body })
    return this.current(member, id)
  }

  @Post(':decisionId/mediation')
  @HttpCode(200)
  async mediate(
    @CurrentMember() member: SessionMember,
    @Param('decisionId', decisionId) id: string,
    @Body(new ZodPipe(textBody)) body: z.infer<typeof textBody>,
  ) {
    await this.commands.execute(member, id, { type: 'NoteMediation', text: body.text })
    return this.current(member, id)
  }

  @Post(':decisionId/outcome')
  @HttpCode(200)
  async recordOutcome(
    @CurrentMember() member: SessionMember,
    @Param('decisionId', decisionId) id: string,
    @Body(new ZodPipe(outcomeBody)) body: z.infer<typeof outcomeBody>,
  ) {
    await this.commands.execute(member, id, { type: 'RecordOutcome', ...body })
    return this.current(member, id)
  }

  @Post(':decisionId/revisit')
  @HttpCode(200)
  async revisit(
    @CurrentMember() member: SessionMember,
    @Param('decisionId', decisionId) id: string,
    @Body(new ZodPipe(revisitBody)) body: z.infer<typeof revisitBody>,
  ) {
    await this.commands.execute(member, id, { type: 'Revisit', reason: body.reason })
    return this.current(member, id)
  }

  @Post(':decisionId/changes')
  @HttpCode(200)
  async linkChange(
    @CurrentMember() member: SessionMember,
    @Param('decisionId', decisionId) id: string,
    @Body(new ZodPipe(changeBody)) body: z.infer<typeof changeBody>,
  ) {
    await this.commands.linkChange(member, id, body)
    return this.current(member, id)
  }

  private current(member: SessionMember, id: string) {
    return decisionView(this.commands.requireEntry(member, id))
  }
}
