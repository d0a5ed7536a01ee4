import { Body, Controller, Delete, Get, HttpCode, Ip, Param, Patch, Post, Res } from '@nestjs/common'
import { emailSchema, memberIdSchema, personNameSchema, roleSchema } from '@rembuk/domain'
import type { Response } from 'express'
import { z } from 'zod'
import { ZodPipe } from '../common/zod-pipe.js'
import { AccountsService } from './accounts.service.js'
import { CurrentMember, Public, Requires, type SessionMember } from './auth.decorators.js'
import { LoginThrottle, TooManyAttempts } from './login-throttle.js'

const password = z.string().min(8, 'a password has at least 8 characters').max(200)

const setupBody = z.object({
  schoolName: z.string().trim().min(1).max(200),
  name: personNameSchema,
  email: emailSchema,
  password,
})
const loginBody = z.object({ email: emailSchema, password: z.string().min(1).max(200) })
const acceptBody = z.object({ code: z.string().min(10).max(100), password })
const inviteBody = z.object({ name: personNameSchema, email: emailSchema, role: roleSchema })
const roleBody = z.object({ role: roleSchema })

@Controller('api')
export class AccountsController {
  constructor(
    private readonly accounts: AccountsService,
    private readonly throttle: LoginThrottle,
  ) {}

  @Public()
  @Get('setup')
  async setupStatus() {
    return { setUpNeeded: await this.accounts.setUpNeeded() }
  }

  @Public()
  @Post('setup')
  setUp(@Body(new ZodPipe(setupBody)) body: z.infer<typeof setupBody>) {
    return this.accounts.setUp(body)
  }

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  async logIn(
    @Body(new ZodPipe(loginBody)) body: z.infer<typeof loginBody>,
    @Ip() address: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    try {
      await this.throttle.check(body.email, address)
      const session = await this.accounts.logIn(body.email, body.password)
      await this.throttle.succeeded(body.email, address)
      return session
    } catch (error) {
      if (error instanceof TooManyAttempts) response.setHeader('Retry-After', String(error.retryAfterSeconds))
      throw error
    }
  }

  @Public()
  @Post('auth/accept-invitation')
  @HttpCode(200)
  accept(@Body(new ZodPipe(acceptBody)) body: z.infer<typeof acceptBody>) {
    return this.accounts.acceptInvitation(body.code, body.password)
  }

  @Get('auth/me')
  me(@CurrentMember() member: SessionMember) {
    return this.accounts.view(member.schoolId, member.memberId)
  }

  @Get('members')
  @Requires('read', 'member')
  members(@CurrentMember() member: SessionMember) {
    return this.accounts.members(member.schoolId)
  }

  @Post('members')
  @Requires('create', 'member')
  invite(
    @CurrentMember() member: SessionMember,
    @Body(new ZodPipe(inviteBody)) body: z.infer<typeof inviteBody>,
  ) {
    return this.accounts.invite(member, body)
  }

  @Patch('members/:memberId')
  @Requires('edit', 'member')
  changeRole(
    @CurrentMember() member: SessionMember,
    @Param('memberId', new ZodPipe(memberIdSchema)) memberId: string,
    @Body(new ZodPipe(roleBody)) body: z.infer<typeof roleBody>,
  ) {
    return this.accounts.changeRole(member, memberId, body.role)
  }

  @Delete('members/:memberId')
  @HttpCode(204)
  @Requires('manage', 'member')
  async remove(
    @CurrentMember() member: SessionMember,
    @Param('memberId', new ZodPipe(memberIdSchema)) memberId: string,
  ) {
    await this.accounts.remove(member, memberId)
  }
}
