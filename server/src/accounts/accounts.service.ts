import { createHash, randomBytes } from 'node:crypto'
import { Inject, Injectable, UnauthorizedException } from '@nestjs/common'
import {
  CommandRefused,
  createEventOf,
  type EventMetadata,
  type Member,
  parseEventOf,
  type Role,
  type SessionView as Session,
  schoolMetadata,
  type UserView,
  type WorkspaceClaimed,
  workspaceEventDefinitions,
  workspaceStream,
} from '@rembuk/domain'
import { type EventStore, WrongExpectedRevisionError } from '@rembuk/event-store'
import { newId } from '../common/new-id.js'
import { SchoolCommands } from '../schools/school-commands.js'
import { SchoolDirectory } from '../schools/school-directory.js'
import { EVENT_STORE } from '../store/store.module.js'
import type { SessionMember } from './auth.decorators.js'
import { CredentialStore } from './credential-store.js'
import { hashPassword, verifyPassword } from './passwords.js'
import { TokenService } from './token-service.js'

const invitationDays = 14
const hashCode = (code: string) => createHash('sha256').update(code).digest('hex')

@Injectable()
export class AccountsService {
  private readonly decoyHash = hashPassword(randomBytes(16).toString('hex'))

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly directory: SchoolDirectory,
    private readonly commands: SchoolCommands,
    private readonly credentials: CredentialStore,
    private readonly tokens: TokenService,
  ) {}

  /** Whether the workspace has no school yet. */
  async setUpNeeded(): Promise<boolean> {
    return this.directory.schoolCount === 0
  }

  /** Creates the school and its principal; only while this workspace has no school. */
  async setUp(input: {
    schoolName: string
    name: string
    email: string
    password: string
  }): Promise<Session> {
    if (this.directory.schoolCount > 0)
      throw new CommandRefused('conflict', 'This workspace already has a school')
    const principal = { memberId: newId('m'), name: input.name, email: input.email }
    const passwordHash = await hashPassword(input.password)
    const candidate = newId('sch')
    const schoolId = await this.claimWorkspace(candidate, {
      actorId: principal.memberId,
      actorName: principal.name,
      schoolId: candidate,
    })
    await this.commands.execute(
      schoolId,
      { type: 'SetUpSchool', schoolId, name: input.schoolName, principal },
      { actorId: principal.memberId, actorName: principal.name, schoolId },
    )
    await this.credentials.save({ memberId: principal.memberId, schoolId, email: input.email, passwordHash })
    return this.session(schoolId, principal.memberId)
  }

  /**
   * The school this workspace is for: the one the first claim of the workspace stream names, which is ours
   * when we appended it. The claim settles which school, not who sets it up: a setup that finds the claim
   * without its school sets up that school, and the school's stream (expected to be new) takes one
   * SchoolSetUp, the other setups are refused. A setup that stopped between its claim and SchoolSetUp thus
   * leaves the workspace to the next one, with no timeout and no clock to trust.
   */
  private async claimWorkspace(candidate: string, metadata: EventMetadata): Promise<string> {
    const claim = createEventOf(
      workspaceEventDefinitions,
      { type: 'WorkspaceClaimed', data: { schoolId: candidate } },
      metadata,
    )
    try {
      await this.store.append(workspaceStream, [claim], 'no_stream')
      return candidate
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error
    }
    for await (const first of this.store.readStream(workspaceStream, { max: 1 }))
      return (parseEventOf(workspaceEventDefinitions, first) as WorkspaceClaimed).data.schoolId
    throw new Error(`The stream ${workspaceStream} refused a first event but holds none`)
  }

  async logIn(email: string, password: string): Promise<Session> {
    const credentials = await this.credentials.byEmail(email)
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
    await this.credentials.saveInvitation(hashCode(code), {
      memberId: member.memberId,
      schoolId: by.schoolId,
      email: member.email,
      expires,
    })
    return { member, invitation: { code, expiresAt: expires.toISOString() } }
  }

  async acceptInvitation(code: string, password: string): Promise<Session> {
    const invitation = await this.credentials.takeInvitation(hashCode(code))
    if (!invitation || !this.directory.member(invitation.schoolId, invitation.memberId)) {
      throw new CommandRefused(
        'not_found',
        'This invitation is unknown, used or expired; ask the principal for a new one',
      )
    }
    const saved = await this.credentials.save({
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
    await this.credentials.remove(memberId)
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
