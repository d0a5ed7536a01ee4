import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post } from '@nestjs/common'
import {
  actionPlanSchema,
  groupBases,
  groupIdSchema,
  groupKinds,
  groupMeetingIdSchema,
  groupNameSchema,
  groupReportSchema,
  groupStream,
  isoDateSchema,
  type LearningGroup,
  memberIdSchema,
  monthSchema,
  timeOfDaySchema,
} from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import { z } from 'zod'
import { CurrentMember, Requires, type SessionMember } from '../accounts/auth.decorators.js'
import { newId } from '../common/new-id.js'
import { ZodPipe } from '../common/zod-pipe.js'
import { logged, readStreamEvents } from '../decisions/event-log.js'
import type { DirectoryEntry } from '../projections/aggregate-directory.js'
import { SchoolDirectory } from '../schools/school-directory.js'
import { EVENT_STORE } from '../store/store.module.js'
import { GroupCommands } from './group-commands.js'
import { GroupDirectory } from './group-directory.js'

const formBody = z.object({
  name: groupNameSchema,
  kind: z.enum(groupKinds),
  basis: z.enum(groupBases),
  focus: z.string().trim().max(200).default(''),
  members: z.array(memberIdSchema).max(60).default([]),
  leader: memberIdSchema,
})
const memberBody = z.object({ memberId: memberIdSchema })
const meetingBody = z.object({
  date: isoDateSchema,
  time: timeOfDaySchema,
  place: z.string().trim().min(1).max(200),
  topic: z.string().trim().min(1).max(300),
})
const attendanceBody = z.object({ memberId: memberIdSchema, present: z.boolean() })
const noteBody = z.object({ text: z.string().trim().min(1).max(5000) })
const reportBody = groupReportSchema.extend({ needs: z.string().trim().max(3000).default('') })
const groupId = new ZodPipe(groupIdSchema)
const meetingId = new ZodPipe(groupMeetingIdSchema)

export const groupView = (entry: DirectoryEntry<LearningGroup>) => ({
  id: entry.state.groupId,
  ...entry.state,
  created: entry.created.toISOString(),
  updated: entry.updated.toISOString(),
})

/** Teacher learning groups (KKG, MGMP): formed by the principal, run by their leader, read by the school. */
@Controller('api')
@Requires('read', 'practice')
export class LearningGroupsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly commands: GroupCommands,
    private readonly groups: GroupDirectory,
    private readonly schools: SchoolDirectory,
  ) {}

  @Post('groups')
  async form(
    @CurrentMember() member: SessionMember,
    @Body(new ZodPipe(formBody)) body: z.infer<typeof formBody>,
  ) {
    return groupView(await this.commands.form(member, body))
  }

  /** The school's groups, the most recently formed first. */
  @Get('groups')
  list(@CurrentMember() member: SessionMember) {
    return this.groups.ofSchool(member.schoolId).map(groupView)
  }

  /** The group as it stands, and every event that made it so, oldest first. */
  @Get('groups/:groupId')
  async get(@CurrentMember() member: SessionMember, @Param('groupId', groupId) id: string) {
    const entry = this.commands.requireEntry(member, id)
    const events = await readStreamEvents(this.store, groupStream(id))
    const nameOf = (memberId: string) => this.schools.member(member.schoolId, memberId)?.name
    return { ...groupView(entry), events: events.map((event) => logged(event, nameOf)) }
  }

  @Post('groups/:groupId/members')
  @HttpCode(200)
  async addMember(
    @CurrentMember() member: SessionMember,
    @Param('groupId', groupId) id: string,
    @Body(new ZodPipe(memberBody)) body: z.infer<typeof memberBody>,
  ) {
    await this.commands.execute(member, id, { type: 'AddGroupMember', memberId: body.memberId })
    return this.current(member, id)
  }

  @Delete('groups/:groupId/members/:memberId')
  @HttpCode(200)
  async removeMember(
    @CurrentMember() member: SessionMember,
    @Param('groupId', groupId) id: string,
    @Param('memberId', new ZodPipe(memberIdSchema)) memberId: string,
  ) {
    await this.commands.execute(member, id, { type: 'RemoveGroupMember', memberId })
    return this.current(member, id)
  }

  @Post('groups/:groupId/leader')
  @HttpCode(200)
  async nameLeader(
    @CurrentMember() member: SessionMember,
    @Param('groupId', groupId) id: string,
    @Body(new ZodPipe(memberBody)) body: z.infer<typeof memberBody>,
  ) {
    await this.commands.execute(member, id, { type: 'NameLeader', memberId: body.memberId })
    return this.current(member, id)
  }

  @Post('groups/:groupId/action-plan')
  @HttpCode(200)
  async setActionPlan(
    @CurrentMember() member: SessionMember,
    @Param('groupId', groupId) id: string,
    @Body(new ZodPipe(actionPlanSchema)) plan: z.infer<typeof actionPlanSchema>,
  ) {
    await this.commands.execute(member, id, { type: 'SetActionPlan', plan })
    return this.current(member, id)
  }

  @Post('groups/:groupId/meetings')
  @HttpCode(200)
  async schedule(
    @CurrentMember() member: SessionMember,
    @Param('groupId', groupId) id: string,
    @Body(new ZodPipe(meetingBody)) body: z.infer<typeof meetingBody>,
  ) {
    await this.commands.execute(member, id, { type: 'ScheduleGroupMeeting', meetingId: newId('pt'), ...body })
    return this.current(member, id)
  }

  @Post('groups/:groupId/meetings/:meetingId/attendance')
  @HttpCode(200)
  async attendance(
    @CurrentMember() member: SessionMember,
    @Param('groupId', groupId) id: string,
    @Param('meetingId', meetingId) meeting: string,
    @Body(new ZodPipe(attendanceBody)) body: z.infer<typeof attendanceBody>,
  ) {
    await this.commands.execute(member, id, { type: 'RecordGroupAttendance', meetingId: meeting, ...body })
    return this.current(member, id)
  }

  @Post('groups/:groupId/meetings/:meetingId/notes')
  @HttpCode(200)
  async note(
    @CurrentMember() member: SessionMember,
    @Param('groupId', groupId) id: string,
    @Param('meetingId', meetingId) meeting: string,
    @Body(new ZodPipe(noteBody)) body: z.infer<typeof noteBody>,
  ) {
    await this.commands.execute(member, id, {
      type: 'WriteGroupNote',
      meetingId: meeting,
      noteId: newId('cn'),
      text: body.text,
    })
    return this.current(member, id)
  }

  @Post('groups/:groupId/reports')
  @HttpCode(200)
  async report(
    @CurrentMember() member: SessionMember,
    @Param('groupId', groupId) id: string,
    @Body(new ZodPipe(reportBody)) body: z.infer<typeof reportBody>,
  ) {
    await this.commands.execute(member, id, { type: 'SubmitGroupReport', ...body })
    return this.current(member, id)
  }

  /**
   * What the groups bring to the month's whole-school forum: each group's report of the month, and the groups
   * that have not reported yet. The forum itself is the month's protocol meeting.
   */
  @Get('forum/:month')
  forum(@CurrentMember() member: SessionMember, @Param('month', new ZodPipe(monthSchema)) month: string) {
    const groups = this.groups.ofSchool(member.schoolId).map(({ state }) => state)
    const summary = (group: LearningGroup) => ({
      groupId: group.groupId,
      name: group.name,
      kind: group.kind,
      leader: group.leader,
    })
    return {
      month,
      reports: groups.flatMap((group) => {
        const report = group.reports.find((candidate) => candidate.month === month)
        return report ? [{ ...summary(group), report }] : []
      }),
      missing: groups.filter((group) => !group.reports.some((r) => r.month === month)).map(summary),
    }
  }

  private current(member: SessionMember, id: string) {
    return groupView(this.commands.requireEntry(member, id))
  }
}
