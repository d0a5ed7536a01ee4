import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common'
import {
  cycleNoSchema,
  cycleSteps,
  dataCycleSteps,
  dataKinds,
  evidenceSchema,
  instrumentSchema,
  memberIdSchema,
  type Research,
  researchFor,
  researchIdSchema,
  researchStream,
  researchTextSchema,
  researchTitleSchema,
  scoreSchema,
  thresholdsSchema,
} from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import { z } from 'zod'
import { CurrentMember, Requires, type SessionMember } from '../accounts/auth.decorators.js'
import { ZodPipe } from '../common/zod-pipe.js'
import { readStreamEvents } from '../decisions/event-log.js'
import type { DirectoryEntry } from '../projections/aggregate-directory.js'
import { SchoolDirectory } from '../schools/school-directory.js'
import { EVENT_STORE } from '../store/store.module.js'
import { ResearchCommands } from './research-commands.js'
import { ResearchDirectory } from './research-directory.js'
import { visibleHistory } from './research-history.js'

const startBody = z.object({
  title: researchTitleSchema,
  focus: z.string().trim().min(1).max(500),
  instrument: instrumentSchema,
  teachers: z.array(memberIdSchema).min(1).max(60),
  thresholds: thresholdsSchema.optional(),
})
const stepBody = z.object({ step: z.enum(cycleSteps), text: researchTextSchema, done: z.boolean() })
const scoresBody = z.object({
  scores: z
    .array(z.object({ memberId: memberIdSchema, score: scoreSchema }))
    .min(1)
    .max(60),
})
const dataStepBody = z.object({
  step: z.enum(dataCycleSteps),
  done: z.boolean(),
  evidence: evidenceSchema.nullable().default(null),
  dataKind: z.enum(dataKinds).nullable().default(null),
  note: z.string().trim().max(1000).default(''),
})
const researchId = new ZodPipe(researchIdSchema)
const cycleNo = new ZodPipe(
  z
    .string()
    .regex(/^\d{1,2}$/, 'a cycle is numbered 0-99')
    .transform(Number)
    .pipe(cycleNoSchema),
)

@Controller('api/research')
@Requires('read', 'practice')
export class ResearchController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly commands: ResearchCommands,
    private readonly studies: ResearchDirectory,
    private readonly schools: SchoolDirectory,
  ) {}

  @Post()
  async start(
    @CurrentMember() member: SessionMember,
    @Body(new ZodPipe(startBody)) body: z.infer<typeof startBody>,
  ) {
    return this.view(member, await this.commands.start(member, body))
  }

  /** The school's studies, the most recently started first, each as this member may see it. */
  @Get()
  list(@CurrentMember() member: SessionMember) {
    return this.studies.ofSchool(member.schoolId).map((entry) => this.view(member, entry))
  }

  /** The study as this member may see it, and its history, oldest first. */
  @Get(':researchId')
  async get(@CurrentMember() member: SessionMember, @Param('researchId', researchId) id: string) {
    const entry = this.commands.requireEntry(member, id)
    const events = await readStreamEvents(this.store, researchStream(id))
    return {
      ...this.view(member, entry),
      events: visibleHistory(events, entry.state, member, (memberId) => this.nameOf(member, memberId)),
    }
  }

  @Post(':researchId/thresholds')
  @HttpCode(200)
  async thresholds(
    @CurrentMember() member: SessionMember,
    @Param('researchId', researchId) id: string,
    @Body(new ZodPipe(thresholdsSchema)) body: z.infer<typeof thresholdsSchema>,
  ) {
    await this.commands.execute(member, id, { type: 'SetThresholds', thresholds: body })
    return this.current(member, id)
  }

  /** Opens the next cycle: the baseline first, then cycle I, II, … */
  @Post(':researchId/cycles')
  @HttpCode(200)
  async openCycle(@CurrentMember() member: SessionMember, @Param('researchId', researchId) id: string) {
    await this.commands.execute(member, id, { type: 'OpenCycle' })
    return this.current(member, id)
  }

  @Post(':researchId/cycles/:cycleNo/steps')
  @HttpCode(200)
  async step(
    @CurrentMember() member: SessionMember,
    @Param('researchId', researchId) id: string,
    @Param('cycleNo', cycleNo) no: number,
    @Body(new ZodPipe(stepBody)) body: z.infer<typeof stepBody>,
  ) {
    await this.commands.execute(member, id, { type: 'RecordCycleStep', cycleNo: no, ...body })
    return this.current(member, id)
  }

  @Post(':researchId/cycles/:cycleNo/scores')
  @HttpCode(200)
  async scores(
    @CurrentMember() member: SessionMember,
    @Param('researchId', researchId) id: string,
    @Param('cycleNo', cycleNo) no: number,
    @Body(new ZodPipe(scoresBody)) body: z.infer<typeof scoresBody>,
  ) {
    await this.commands.execute(member, id, { type: 'RecordScores', cycleNo: no, scores: body.scores })
    return this.current(member, id)
  }

  @Post(':researchId/cycles/:cycleNo/data-steps')
  @HttpCode(200)
  async dataStep(
    @CurrentMember() member: SessionMember,
    @Param('researchId', researchId) id: string,
    @Param('cycleNo', cycleNo) no: number,
    @Body(new ZodPipe(dataStepBody)) body: z.infer<typeof dataStepBody>,
  ) {
    await this.commands.recordDataStep(member, id, { type: 'RecordDataStep', cycleNo: no, ...body })
    return this.current(member, id)
  }

  private current(member: SessionMember, id: string) {
    return this.view(member, this.commands.requireEntry(member, id))
  }

  private view(member: SessionMember, entry: DirectoryEntry<Research>) {
    const names = Object.fromEntries(
      entry.state.teachers.map((memberId) => [memberId, this.nameOf(member, memberId) ?? memberId]),
    )
    return {
      id: entry.state.researchId,
      ...researchFor(entry.state, member),
      names,
      created: entry.created.toISOString(),
      updated: entry.updated.toISOString(),
    }
  }

  private nameOf(member: SessionMember, memberId: string): string | undefined {
    return this.schools.member(member.schoolId, memberId)?.name
  }
}
