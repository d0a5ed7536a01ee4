import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common'
import {
  CommandRefused,
  focusesSchema,
  followUpHub,
  isoDateSchema,
  lessonMinuteSchema,
  lessonMomentSchema,
  memberIdSchema,
  observedClassSchema,
  planIdSchema,
  seesFollowUpHub,
  walkthroughEventsFor,
  walkthroughFocuses,
  walkthroughIdSchema,
  walkthroughStream,
  walkthroughTextSchema,
} from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import { z } from 'zod'
import { CurrentMember, Requires, type SessionMember } from '../accounts/auth.decorators.js'
import { ZodPipe } from '../common/zod-pipe.js'
import { logged, readStreamEvents } from '../decisions/event-log.js'
import { SchoolDirectory } from '../schools/school-directory.js'
import { EVENT_STORE } from '../store/store.module.js'
import { WalkthroughCommands, type WalkthroughStep } from './walkthrough-commands.js'
import { WalkthroughDirectory } from './walkthrough-directory.js'
import { todayOr, walkthroughView } from './walkthrough-views.js'

const optionalText = z.string().trim().max(2000).default('')
const proposeBody = z.object({
  observer: memberIdSchema,
  observed: memberIdSchema,
  className: observedClassSchema,
  lessonAt: lessonMomentSchema,
  focuses: focusesSchema,
  followsUp: walkthroughIdSchema.optional(),
})
const timeBody = z.object({ lessonAt: lessonMomentSchema, note: optionalText })
const reasonBody = z.object({ reason: walkthroughTextSchema })
const noteBody = z.object({
  focus: z.enum(walkthroughFocuses),
  minute: lessonMinuteSchema,
  text: walkthroughTextSchema,
  private: z.boolean().default(false),
})
const conversationBody = z.object({ text: walkthroughTextSchema, question: optionalText })
const reflectionBody = z.object({ text: walkthroughTextSchema })
const commitmentBody = z.object({ text: walkthroughTextSchema, by: isoDateSchema })
const citationBody = z.object({ planId: planIdSchema, note: optionalText })
const dayQuery = z.object({ today: isoDateSchema.optional() })
const walkthroughId = new ZodPipe(walkthroughIdSchema)

@Controller('api/walkthroughs')
@Requires('read', 'practice')
export class WalkthroughsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly commands: WalkthroughCommands,
    private readonly walkthroughs: WalkthroughDirectory,
    private readonly schools: SchoolDirectory,
  ) {}

  @Post()
  @Requires('create', 'practice')
  async propose(
    @CurrentMember() member: SessionMember,
    @Body(new ZodPipe(proposeBody)) body: z.infer<typeof proposeBody>,
  ) {
    const entry = await this.commands.propose(member, body)
    return this.view(member, entry.state.walkthroughId)
  }

  /** The school's walkthroughs, the most recently proposed first, each as the member may see it. */
  @Get()
  list(
    @CurrentMember() member: SessionMember,
    @Query(new ZodPipe(dayQuery)) query: z.infer<typeof dayQuery>,
  ) {
    const all = this.walkthroughs.statesOf(member.schoolId)
    return this.walkthroughs
      .ofSchool(member.schoolId)
      .map((entry) => walkthroughView(entry, member.memberId, all, todayOr(query.today)))
  }

  /** The collaboration hub: open follow-up loops, overdue commitments, the average days to follow up. */
  @Get('hub')
  hub(@CurrentMember() member: SessionMember, @Query(new ZodPipe(dayQuery)) query: z.infer<typeof dayQuery>) {
    if (!seesFollowUpHub(member.role))
      throw new CommandRefused('forbidden', 'The follow-up hub is for the principal and the coach')
    const all = this.walkthroughs.statesOf(member.schoolId)
    const inProgress = all.filter((w) => w.status !== 'committed' && w.status !== 'cancelled')
    return {
      ...followUpHub(all, todayOr(query.today)),
      inProgress: inProgress.map(
        ({ walkthroughId, observer, observed, className, lessonAt, focuses, status }) => ({
          walkthroughId,
          observer,
          observed,
          className,
          lessonAt,
          focuses,
          status,
        }),
      ),
    }
  }

  /** The walkthrough as the member may see it, and its history as far as they may see it, oldest first. */
  @Get(':walkthroughId')
  async get(
    @CurrentMember() member: SessionMember,
    @Param('walkthroughId', walkthroughId) id: string,
    @Query(new ZodPipe(dayQuery)) query: z.infer<typeof dayQuery>,
  ) {
    const { state } = this.commands.requireEntry(member, id)
    const nameOf = (memberId: string) => this.schools.member(member.schoolId, memberId)?.name
    const events = (await readStreamEvents(this.store, walkthroughStream(id))).map((event) =>
      logged(event, nameOf),
    )
    return {
      ...this.view(member, id, query.today),
      events: walkthroughEventsFor(state, member.memberId, events),
    }
  }

  @Post(':walkthroughId/agreement')
  @HttpCode(200)
  agree(@CurrentMember() member: SessionMember, @Param('walkthroughId', walkthroughId) id: string) {
    return this.step(member, id, { type: 'AgreeWalkthrough' })
  }

  @Post(':walkthroughId/other-time')
  @HttpCode(200)
  otherTime(
    @CurrentMember() member: SessionMember,
    @Param('walkthroughId', walkthroughId) id: string,
    @Body(new ZodPipe(timeBody)) body: z.infer<typeof timeBody>,
  ) {
    return this.step(member, id, { type: 'ProposeOtherTime', ...body })
  }

  @Post(':walkthroughId/cancel')
  @HttpCode(200)
  cancel(
    @CurrentMember() member: SessionMember,
    @Param('walkthroughId', walkthroughId) id: string,
    @Body(new ZodPipe(reasonBody)) body: z.infer<typeof reasonBody>,
  ) {
    return this.step(member, id, { type: 'CancelWalkthrough', reason: body.reason })
  }

  @Post(':walkthroughId/notes')
  @HttpCode(200)
  note(
    @CurrentMember() member: SessionMember,
    @Param('walkthroughId', walkthroughId) id: string,
    @Body(new ZodPipe(noteBody)) body: z.infer<typeof noteBody>,
  ) {
    return this.step(member, id, { type: 'RecordNote', ...body })
  }

  @Post(':walkthroughId/observation-complete')
  @HttpCode(200)
  complete(@CurrentMember() member: SessionMember, @Param('walkthroughId', walkthroughId) id: string) {
    return this.step(member, id, { type: 'CompleteObservation' })
  }

  @Post(':walkthroughId/conversation')
  @HttpCode(200)
  converse(
    @CurrentMember() member: SessionMember,
    @Param('walkthroughId', walkthroughId) id: string,
    @Body(new ZodPipe(conversationBody)) body: z.infer<typeof conversationBody>,
  ) {
    return this.step(member, id, { type: 'NoteConversation', ...body })
  }

  @Post(':walkthroughId/reflections')
  @HttpCode(200)
  reflect(
    @CurrentMember() member: SessionMember,
    @Param('walkthroughId', walkthroughId) id: string,
    @Body(new ZodPipe(reflectionBody)) body: z.infer<typeof reflectionBody>,
  ) {
    return this.step(member, id, { type: 'WriteReflection', text: body.text })
  }

  @Post(':walkthroughId/commitment')
  @HttpCode(200)
  commit(
    @CurrentMember() member: SessionMember,
    @Param('walkthroughId', walkthroughId) id: string,
    @Body(new ZodPipe(commitmentBody)) body: z.infer<typeof commitmentBody>,
  ) {
    return this.step(member, id, { type: 'CommitFollowUp', ...body })
  }

  @Post(':walkthroughId/plan-citations')
  @HttpCode(200)
  citeInPlan(
    @CurrentMember() member: SessionMember,
    @Param('walkthroughId', walkthroughId) id: string,
    @Body(new ZodPipe(citationBody)) body: z.infer<typeof citationBody>,
  ) {
    return this.step(member, id, { type: 'CiteInPlan', ...body })
  }

  private async step(member: SessionMember, id: string, step: WalkthroughStep) {
    await this.commands.step(member, id, step)
    return this.view(member, id)
  }

  private view(member: SessionMember, id: string, today?: string) {
    const entry = this.commands.requireEntry(member, id)
    return walkthroughView(
      entry,
      member.memberId,
      this.walkthroughs.statesOf(member.schoolId),
      todayOr(today),
    )
  }
}
