import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common'
import { Reflector } from '@nestjs/core'
import { type Action, can, type Resource } from '@rembuk/domain'
import type { Request } from 'express'
import { SchoolDirectory } from '../schools/school-directory.js'
import { isPublicKey, requiresKey, type SessionMember } from './auth.decorators.js'
import { InvalidTokenError, TokenService } from './token-service.js'

type Requirement = { action: Action; resource: Resource }

/**
 * The one guard of the API, HTTP and socket.io alike: everything needs a valid session unless it is @Public(),
 * and a handler marked @Requires(action, resource) needs a role that the permission table allows.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: TokenService,
    private readonly directory: SchoolDirectory,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()]
    if (this.reflector.getAllAndOverride<boolean>(isPublicKey, targets)) return true
    const member = await this.memberOf(context)
    const required = this.reflector.getAllAndOverride<Requirement>(requiresKey, targets)
    if (required && !can(member.role, required.action, required.resource)) {
      throw new ForbiddenException(`A ${member.role} may not ${required.action} ${required.resource}`)
    }
    return true
  }

  /** HTTP: from the bearer token of this request. socket.io: the member its handshake signed in. */
  private async memberOf(context: ExecutionContext): Promise<SessionMember> {
    if (context.getType() === 'ws') {
      const member = context.switchToWs().getClient<{ data: { member?: SessionMember } }>().data.member
      if (!member) throw new UnauthorizedException('Sign in first')
      return member
    }
    const request = context.switchToHttp().getRequest<Request & { member?: SessionMember }>()
    request.member = await this.authenticate(request.headers.authorization)
    return request.member
  }

  /** The member behind a bearer token, as the school directory knows them now. */
  async authenticate(authorization: string | undefined): Promise<SessionMember> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1]
    if (!token) throw new UnauthorizedException('Sign in first (Authorization: Bearer <token>)')
    return this.memberOfToken(token)
  }

  async memberOfToken(token: string): Promise<SessionMember> {
    let claims: Awaited<ReturnType<TokenService['verify']>>
    try {
      claims = await this.tokens.verify(token)
    } catch (error) {
      throw new UnauthorizedException(
        error instanceof InvalidTokenError ? error.message : 'The token is not valid',
      )
    }
    const member = this.directory.member(claims.schoolId, claims.memberId)
    if (!member) throw new UnauthorizedException('This account is no longer a member of the school')
    return { ...member, schoolId: claims.schoolId }
  }
}
