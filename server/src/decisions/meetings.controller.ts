import { Body, Controller, Get, HttpCode, Param, Post, StreamableFile } from '@nestjs/common'
import {
  agendaKeySchema,
  agendaSchema,
  isoDateSchema,
  type MeetingCommand,
  meetingIdSchema,
  meetingKinds,
  meetingTitleSchema,
  memberIdSchema,
} from '@rembuk/domain'
import { z } from 'zod'
import { CurrentMember, Requires, type SessionMember } from '../accounts/auth.decorators.js'
import { ZodPipe } from '../common/zod-pipe.js'
import { DecisionDirectory } from './decision-directory.js'
import { MeetingCommands } from './meeting-commands.js'
import { MeetingDirectory } from './meeting-directory.js'
import { MinutesService } from './minutes.service.js'
import { decisionView, meetingView } from './views.js'

const createBody = z.object({
  kind: z.enum(meetingKinds),
  title: meetingTitleSchema,
  date: isoDateSchema,
  chair: memberIdSchema.optional(),
  agenda: agendaSchema.optional(),
})
const attendanceBody = z.object({ memberId: memberIdSchema, present: z.boolean() })
const noteBody = z.object({ agendaKey: agendaKeySchema, text: z.string().trim().min(1).max(5000) })
const meetingId = new ZodPipe(meetingIdSchema)

@Controller('api/meetings')
@Requires('read', 'decision')
export class MeetingsController {
  constructor(
    private readonly commands: MeetingCommands,
    private readonly meetings: MeetingDirectory,
    private readonly decisions: DecisionDirectory,
    private readonly minutes: MinutesService,
  ) {}

  @Post()
  @Requires('create', 'decision')
  async schedule(
    @CurrentMember() member: SessionMember,
    @Body(new ZodPipe(createBody)) body: z.infer<typeof createBody>,
  ) {
    return meetingView(await this.commands.schedule(member, body))
  }

  /** The school's meetings, the latest date first. */
  @Get()
  list(@CurrentMember() member: SessionMember) {
    return this.meetings
      .ofSchool(member.schoolId)
      .sort((a, b) => b.state.date.localeCompare(a.state.date))
      .map(meetingView)
  }

  @Get(':meetingId')
  get(@CurrentMember() member: SessionMember, @Param('meetingId', meetingId) id: string) {
    const entry = this.commands.requireEntry(member, id)
    const decisions = this.decisions.find(member.schoolId, { meetingId: id }).reverse()
    return { ...meetingView(entry), decisions: decisions.map(decisionView) }
  }

  @Post(':meetingId/attendance')
  @HttpCode(200)
  attendance(
    @CurrentMember() member: SessionMember,
    @Param('meetingId', meetingId) id: string,
    @Body(new ZodPipe(attendanceBody)) body: z.infer<typeof attendanceBody>,
  ) {
    return this.run(member, id, { type: 'RecordAttendance', ...body })
  }

  @Post(':meetingId/notes')
  @HttpCode(200)
  note(
    @CurrentMember() member: SessionMember,
    @Param('meetingId', meetingId) id: string,
    @Body(new ZodPipe(noteBody)) body: z.infer<typeof noteBody>,
  ) {
    return this.run(member, id, { type: 'AddMeetingNote', ...body })
  }

  @Post(':meetingId/close')
  @HttpCode(200)
  close(@CurrentMember() member: SessionMember, @Param('meetingId', meetingId) id: string) {
    return this.run(member, id, { type: 'CloseMeeting' })
  }

  @Get(':meetingId/minutes')
  minutesJson(@CurrentMember() member: SessionMember, @Param('meetingId', meetingId) id: string) {
    return this.minutes.of(member, id)
  }

  @Get(':meetingId/minutes.pdf')
  async minutesFile(@CurrentMember() member: SessionMember, @Param('meetingId', meetingId) id: string) {
    const minutes = await this.minutes.of(member, id)
    // PDFKit and its fonts take about 20 MiB: loaded when minutes are first printed, not at start.
    const { minutesPdf } = await import('./minutes-pdf.js')
    const pdf = await minutesPdf(minutes)
    return new StreamableFile(pdf, {
      type: 'application/pdf',
      disposition: `inline; filename="notulen-${id}.pdf"`,
    })
  }

  private async run(member: SessionMember, id: string, command: MeetingCommand) {
    await this.commands.execute(member, id, command)
    return meetingView(this.commands.requireEntry(member, id))
  }
}
