import { createHash, randomBytes } from 'node:crypto'
import { Injectable, UnauthorizedException } from '@nestjs/common'
import {
  CommandRefused,
  type Member,
  type Role,
  type SessionView as Session,
  schoolMetadata,
  type UserView,
} from '@rembuk/domain'
import { newId } from '../common/new-id.js'
import { SchoolCommands } from '../schools/school-commands.js'
import { SchoolDirectory } from '../schools/school-directory.js'
import type { SessionMember } from './auth.decorators.js'
import { CredentialStore } from './credential-store.js'
import { hashPassword, verifyPassword } from './passwords.js'
import { TokenService } from './token-service.js'

const invitationDays = 14
const hashCode = (code: string) => createHash('sha256').update(code).digest('hex')

@Injectable()
export class AccountsService {
  private settingUp: Promise<unknown> = Promise.resolve()
  private readonly decoyHash = hashPassword(randomBytes(16).toString('hex'))

  constructor(
    private readonly directory: SchoolDirectory,
    private readonly commands: SchoolCommands,
    private readonly credentials: CredentialStore,
    private readonly tokens: TokenService,
  ) {}

  get setUpNeeded(): boolean {
    return this.directory.schoolCount === 0
  }

  /** Creates the school and its principal; only while this workspace has no school. */
  setUp(input: { schoolName: string; name: string; email: string; password: string }): Promise<Session> {
    const run = this.settingUp.then(async () => {
      if (this.directory.schoolCount > 0)
        throw new CommandRefused('conflict', 'This workspace already has a school')
      const schoolId = newId('sch')
      const principal = { memberId: newId('m'), name: input.name, email: input.email }
      const passwordHash = await hashPassword(input.password)
      await this.commands.execute(
        schoolId,
        { type: 'SetUpSchool', schoolId, name: input.schoolName, principal },
        { actorId: principal.memberId, actorName: principal.name, schoolId },
      )
      this.credentials.save({ memberId: principal.memberId, schoolId, email: input.email, passwordHash })
      return this.session(schoolId, principal.memberId)
    })
    this.settingUp = run.catch(() => undefined)
    return run
  }

  async logIn(email: string, password: string): Promise<Session> {
    const credentials = this.credentials.byEmail(email)
    const valid = await verifyPassword(credentials?.passwordHash ?? (await this.decoyHash), password)
    if (!credentials || !valid || !this.directory.member(credentials.schoolId, credentials.memberId)) {
      throw new UnauthorizedException('Email or password is wrong')
    }
    return this.session(credentials.schoolId, credentials.memberId)
  }

  async invite(by: SessionMember, input: Omit<Member, 'memberId'>) {
    const school = this.requireSchool(by.schoolId)
    const member: Member = { memberId: newId('m'), ...input }
    await this.commands.execute(
      by.schoolId,
      { type: 'InviteMember', by: by.memberId, member },
      schoolMetadata(school, by.memberId),
    )
    const code = randomBytes(18).toString('base64url')
    const expires = new Date(Date.now() + invitationDays * 24 * 3600 * 1000)
    this.credentials.saveInvitation(hashCode(code), {
      memberId: member.memberId,
      schoolId: by.schoolId,
      email: member.email,
      expires,
    })
    return { member, invitation: { code, expiresAt: expires.toISOString() } }
  }

  async acceptInvitation(code: string, password: string): Promise<Session> {
    const invitation = this.credentials.takeInvitation(hashCode(code))
    // The invitation may come from another replica, whose event this one has not applied yet.
    if (invitation && !this.directory.member(invitation.schoolId, invitation.memberId))
      await this.directory.catchUp()
    if (!invitation || !this.directory.member(invitation.schoolId, invitation.memberId)) {
      throw new CommandRefused(
        'not_found',
        'This invitation is unknown, used or expired; ask the principal for a new one',
      )
    }
    const saved = this.credentials.save({
      memberId: invitation.memberId,
      schoolId: invitation.schoolId,
      email: invitation.email,
      passwordHash: await hashPassword(password),
    })
    if (!saved)
      throw new CommandRefused('conflict', `${invitation.email} already signs in to another account`)
    return this.session(invitation.schoolId, invitation.memberId)
  }

  async changeRole(by: SessionMember, memberId: string, role: Role): Promise<UserView> {
    const school = this.requireSchool(by.schoolId)
    await this.commands.execute(
      by.schoolId,
      { type: 'ChangeRole', by: by.memberId, memberId, role },
      schoolMetadata(school, by.memberId),
    )
    return this.view(by.schoolId, memberId)
  }

  async remove(by: SessionMember, memberId: string): Promise<void> {
    const school = this.requireSchool(by.schoolId)
    await this.commands.execute(
      by.schoolId,
      { type: 'RemoveMember', by: by.memberId, memberId },
      schoolMetadata(school, by.memberId),
    )
    this.credentials.remove(memberId)
  }

  members(schoolId: string): UserView[] {
    const school = this.requireSchool(schoolId)
    return [...school.members.keys()].map((memberId) => this.view(schoolId, memberId))
  }

  view(schoolId: string, memberId: string): UserView {
    const school = this.requireSchool(schoolId)
    const member = school.members.get(memberId)
    if (!member) throw new CommandRefused('not_found', `No member ${memberId} in this school`)
    return { ...member, schoolId, schoolName: school.name }
  }

  private async session(schoolId: string, memberId: string): Promise<Session> {
    return { token: await this.tokens.sign({ schoolId, memberId }), user: this.view(schoolId, memberId) }
  }

  private requireSchool(schoolId: string) {
    const entry = this.directory.get(schoolId)
    if (!entry) throw new CommandRefused('not_found', 'No such school')
    return entry.school
  }
}
