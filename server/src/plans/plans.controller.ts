import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common'
import {
  gradeSchema,
  memberIdSchema,
  type Plan,
  type PlanCommand,
  planIdSchema,
  planSteps,
  planTitleSchema,
  subjectsSchema,
} from '@rembuk/domain'
import { z } from 'zod'
import { CurrentMember, Requires, type SessionMember } from '../accounts/auth.decorators.js'
import { ZodPipe } from '../common/zod-pipe.js'
import { PlanCommands } from './plan-commands.js'
import { PlanDirectory } from './plan-directory.js'

const createBody = z.object({
  title: planTitleSchema,
  grade: gradeSchema,
  subjects: subjectsSchema,
  team: z.array(memberIdSchema).max(30).optional(),
})
const memberBody = z.object({ memberId: memberIdSchema })
const stepBody = z.object({ to: z.enum(planSteps) })
const noteBody = z.object({ note: z.string().max(2000).optional() }).default({})
const feedbackBody = z.object({ feedback: z.string().trim().min(1).max(5000) })
const reviseBody = z.object({ reason: z.string().trim().min(1).max(2000) })
const planId = new ZodPipe(planIdSchema)

const view = (plan: Plan) => ({ id: plan.planId, ...plan })

@Controller('api/plans')
export class PlansController {
  constructor(
    private readonly commands: PlanCommands,
    private readonly directory: PlanDirectory,
  ) {}

  @Post()
  @Requires('create', 'plan')
  async create(
    @CurrentMember() member: SessionMember,
    @Body(new ZodPipe(createBody)) body: z.infer<typeof createBody>,
  ) {
    return view(await this.commands.create(member, body))
  }

  @Get()
  @Requires('read', 'plan')
  list(@CurrentMember() member: SessionMember) {
    return this.directory
      .ofSchool(member.schoolId)
      .sort((a, b) => b.updated.getTime() - a.updated.getTime())
      .map((entry) => ({ ...view(entry.state), updated: entry.updated.toISOString() }))
  }

  @Get(':planId')
  @Requires('read', 'plan')
  get(@CurrentMember() member: SessionMember, @Param('planId', planId) id: string) {
    return view(this.commands.require(member, id))
  }

  @Post(':planId/team')
  @HttpCode(200)
  addToTeam(
    @CurrentMember() m: SessionMember,
    @Param('planId', planId) id: string,
    @Body(new ZodPipe(memberBody)) b: z.infer<typeof memberBody>,
  ) {
    return this.run(m, id, { type: 'AddTeamMember', memberId: b.memberId })
  }

  @Delete(':planId/team/:memberId')
  @HttpCode(200)
  removeFromTeam(
    @CurrentMember() m: SessionMember,
    @Param('planId', planId) id: string,
    @Param('memberId', new ZodPipe(memberIdSchema)) memberId: string,
  ) {
    return this.run(m, id, { type: 'RemoveTeamMember', memberId })
  }

  @Post(':planId/step')
  @HttpCode(200)
  moveStep(
    @CurrentMember() m: SessionMember,
    @Param('planId', planId) id: string,
    @Body(new ZodPipe(stepBody)) b: z.infer<typeof stepBody>,
  ) {
    return this.run(m, id, { type: 'MoveStep', to: b.to })
  }

  @Post(':planId/submit')
  @HttpCode(200)
  submit(
    @CurrentMember() m: SessionMember,
    @Param('planId', planId) id: string,
    @Body(new ZodPipe(noteBody)) b: z.infer<typeof noteBody>,
  ) {
    return this.run(m, id, { type: 'SubmitPlan', ...b })
  }

  @Post(':planId/feedback')
  @HttpCode(200)
  feedback(
    @CurrentMember() m: SessionMember,
    @Param('planId', planId) id: string,
    @Body(new ZodPipe(feedbackBody)) b: z.infer<typeof feedbackBody>,
  ) {
    return this.run(m, id, { type: 'GiveFeedback', feedback: b.feedback })
  }

  @Post(':planId/approve')
  @HttpCode(200)
  approve(
    @CurrentMember() m: SessionMember,
    @Param('planId', planId) id: string,
    @Body(new ZodPipe(noteBody)) b: z.infer<typeof noteBody>,
  ) {
    return this.run(m, id, { type: 'ApprovePlan', ...b })
  }

  @Post(':planId/revise')
  @HttpCode(200)
  revise(
    @CurrentMember() m: SessionMember,
    @Param('planId', planId) id: string,
    @Body(new ZodPipe(reviseBody)) b: z.infer<typeof reviseBody>,
  ) {
    return this.run(m, id, { type: 'StartRevision', reason: b.reason })
  }

  @Post(':planId/archive')
  @HttpCode(200)
  archive(@CurrentMember() m: SessionMember, @Param('planId', planId) id: string) {
    return this.run(m, id, { type: 'ArchivePlan' })
  }

  private async run(member: SessionMember, id: string, command: PlanCommand) {
    await this.commands.execute(member, id, command)
    return view(this.commands.require(member, id))
  }
}
