import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common'
import {
  classNameSchema,
  lessonIdSchema,
  lessonPhases,
  lessonTimeSchema,
  memberIdSchema,
  phaseAspects,
  roleAssignmentsSchema,
  type TeachingCommand,
  taskIdSchema,
  taskStages,
  taskTextSchema,
  teachersSchema,
  teachingIdSchema,
  teachingModels,
  teachingStream,
  teachingSubjectsSchema,
  teachingTextSchema,
  teachingTitleSchema,
} from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import { z } from 'zod'
import { CurrentMember, Requires, type SessionMember } from '../accounts/auth.decorators.js'
import { newId } from '../common/new-id.js'
import { ZodPipe } from '../common/zod-pipe.js'
import { logged, readStreamEvents } from '../decisions/event-log.js'
import { SchoolDirectory } from '../schools/school-directory.js'
import { EVENT_STORE } from '../store/store.module.js'
import { TeachingCommands } from './teaching-commands.js'
import { TeachingDirectory } from './teaching-directory.js'
import { teachingView } from './teaching-view.js'

const detailsBody = z.object({
  title: teachingTitleSchema,
  className: classNameSchema,
  subjects: teachingSubjectsSchema,
  model: z.enum(teachingModels),
})
const createBody = detailsBody.extend({ teachers: teachersSchema })
const scheduleBody = lessonTimeSchema.and(z.object({ roles: roleAssignmentsSchema.optional() }))
const rolesBody = z.object({ roles: roleAssignmentsSchema })
const taskBody = z.object({ memberId: memberIdSchema, stage: z.enum(taskStages), text: taskTextSchema })
const taskEditBody = z.object({ text: taskTextSchema })
const doneBody = z.object({ done: z.boolean() })
const phaseBody = z.object({
  phase: z.enum(lessonPhases),
  aspect: z.enum(phaseAspects),
  text: teachingTextSchema,
})
const textBody = z.object({ text: teachingTextSchema })
const teachingId = new ZodPipe(teachingIdSchema)
const lessonId = new ZodPipe(lessonIdSchema)
const taskId = new ZodPipe(taskIdSchema)

@Controller('api/team-teaching')
@Requires('read', 'practice')
export class TeamTeachingController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly commands: TeachingCommands,
    private readonly directory: TeachingDirectory,
    private readonly schools: SchoolDirectory,
  ) {}

  @Post()
  @Requires('create', 'practice')
  async arrange(
    @CurrentMember() member: SessionMember,
    @Body(new ZodPipe(createBody)) body: z.infer<typeof createBody>,
  ) {
    return teachingView(await this.commands.arrange(member, body))
  }

  /** The school's arrangements, the most recently arranged first. */
  @Get()
  list(@CurrentMember() member: SessionMember) {
    return this.directory.ofSchool(member.schoolId).map(teachingView)
  }

  /** The arrangement as it stands, and every event that made it so, oldest first. */
  @Get(':teachingId')
  async get(@CurrentMember() member: SessionMember, @Param('teachingId', teachingId) id: string) {
    const entry = this.commands.requireEntry(member, id)
    const events = await readStreamEvents(this.store, teachingStream(id))
    const nameOf = (memberId: string) => this.schools.member(member.schoolId, memberId)?.name
    return { ...teachingView(entry), events: events.map((event) => logged(event, nameOf)) }
  }

  @Post(':teachingId/details')
  @HttpCode(200)
  @Requires('edit', 'practice')
  details(
    @CurrentMember() member: SessionMember,
    @Param('teachingId', teachingId) id: string,
    @Body(new ZodPipe(detailsBody)) body: z.infer<typeof detailsBody>,
  ) {
    return this.run(member, id, { type: 'ChangeDetails', ...body })
  }

  @Post(':teachingId/lessons')
  @HttpCode(201)
  @Requires('edit', 'practice')
  schedule(
    @CurrentMember() member: SessionMember,
    @Param('teachingId', teachingId) id: string,
    @Body(new ZodPipe(scheduleBody)) body: z.infer<typeof scheduleBody>,
  ) {
    return this.run(member, id, { type: 'ScheduleLesson', lessonId: newId('pl'), ...body })
  }

  @Post(':teachingId/lessons/:lessonId/time')
  @HttpCode(200)
  @Requires('edit', 'practice')
  reschedule(
    @CurrentMember() member: SessionMember,
    @Param('teachingId', teachingId) id: string,
    @Param('lessonId', lessonId) lesson: string,
    @Body(new ZodPipe(lessonTimeSchema)) body: z.infer<typeof lessonTimeSchema>,
  ) {
    return this.run(member, id, { type: 'RescheduleLesson', lessonId: lesson, ...body })
  }

  @Post(':teachingId/lessons/:lessonId/roles')
  @HttpCode(200)
  @Requires('edit', 'practice')
  roles(
    @CurrentMember() member: SessionMember,
    @Param('teachingId', teachingId) id: string,
    @Param('lessonId', lessonId) lesson: string,
    @Body(new ZodPipe(rolesBody)) body: z.infer<typeof rolesBody>,
  ) {
    return this.run(member, id, { type: 'AssignRoles', lessonId: lesson, roles: body.roles })
  }

  @Post(':teachingId/lessons/:lessonId/taught')
  @HttpCode(200)
  @Requires('edit', 'practice')
  taught(
    @CurrentMember() member: SessionMember,
    @Param('teachingId', teachingId) id: string,
    @Param('lessonId', lessonId) lesson: string,
  ) {
    return this.run(member, id, { type: 'MarkLessonTaught', lessonId: lesson })
  }

  @Post(':teachingId/lessons/:lessonId/tasks')
  @HttpCode(201)
  @Requires('edit', 'practice')
  addTask(
    @CurrentMember() member: SessionMember,
    @Param('teachingId', teachingId) id: string,
    @Param('lessonId', lessonId) lesson: string,
    @Body(new ZodPipe(taskBody)) body: z.infer<typeof taskBody>,
  ) {
    return this.run(member, id, { type: 'AddTask', lessonId: lesson, taskId: newId('tg'), ...body })
  }

  @Post(':teachingId/lessons/:lessonId/tasks/:taskId')
  @HttpCode(200)
  @Requires('edit', 'practice')
  editTask(
    @CurrentMember() member: SessionMember,
    @Param('teachingId', teachingId) id: string,
    @Param('lessonId', lessonId) lesson: string,
    @Param('taskId', taskId) task: string,
    @Body(new ZodPipe(taskEditBody)) body: z.infer<typeof taskEditBody>,
  ) {
    return this.run(member, id, { type: 'EditTask', lessonId: lesson, taskId: task, text: body.text })
  }

  @Post(':teachingId/lessons/:lessonId/tasks/:taskId/done')
  @HttpCode(200)
  @Requires('edit', 'practice')
  taskDone(
    @CurrentMember() member: SessionMember,
    @Param('teachingId', teachingId) id: string,
    @Param('lessonId', lessonId) lesson: string,
    @Param('taskId', taskId) task: string,
    @Body(new ZodPipe(doneBody)) body: z.infer<typeof doneBody>,
  ) {
    return this.run(member, id, { type: 'SetTaskDone', lessonId: lesson, taskId: task, done: body.done })
  }

  @Post(':teachingId/lessons/:lessonId/phases')
  @HttpCode(200)
  @Requires('edit', 'practice')
  notePhase(
    @CurrentMember() member: SessionMember,
    @Param('teachingId', teachingId) id: string,
    @Param('lessonId', lessonId) lesson: string,
    @Body(new ZodPipe(phaseBody)) body: z.infer<typeof phaseBody>,
  ) {
    return this.run(member, id, { type: 'NotePhase', lessonId: lesson, ...body })
  }

  @Post(':teachingId/lessons/:lessonId/reflection')
  @HttpCode(200)
  @Requires('edit', 'practice')
  reflect(
    @CurrentMember() member: SessionMember,
    @Param('teachingId', teachingId) id: string,
    @Param('lessonId', lessonId) lesson: string,
    @Body(new ZodPipe(textBody)) body: z.infer<typeof textBody>,
  ) {
    return this.run(member, id, { type: 'WriteReflection', lessonId: lesson, text: body.text })
  }

  @Post(':teachingId/lessons/:lessonId/conclusion')
  @HttpCode(200)
  @Requires('edit', 'practice')
  propose(
    @CurrentMember() member: SessionMember,
    @Param('teachingId', teachingId) id: string,
    @Param('lessonId', lessonId) lesson: string,
    @Body(new ZodPipe(textBody)) body: z.infer<typeof textBody>,
  ) {
    return this.run(member, id, { type: 'ProposeConclusion', lessonId: lesson, text: body.text })
  }

  @Post(':teachingId/lessons/:lessonId/conclusion/agree')
  @HttpCode(200)
  @Requires('edit', 'practice')
  agree(
    @CurrentMember() member: SessionMember,
    @Param('teachingId', teachingId) id: string,
    @Param('lessonId', lessonId) lesson: string,
  ) {
    return this.run(member, id, { type: 'AgreeConclusion', lessonId: lesson })
  }

  private async run(member: SessionMember, id: string, command: TeachingCommand) {
    await this.commands.execute(member, id, command)
    return teachingView(this.commands.requireEntry(member, id))
  }
}
