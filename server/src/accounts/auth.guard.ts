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

/**
 * The one guard of the HTTP API: every route needs a valid session unless it is @Public(), and a route
 * marked @Requires(action, resource) needs a role that the permission table allows.
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
    const request = context.switchToHttp().getRequest<Request & { member?: SessionMember }>()
    request.member = await this.authenticate(request.headers.authorization)
    const required = this.reflector.getAllAndOverride<{ action: Action; resource: Resource }>(
      requiresKey,
      targets,
    )
    if (required && !can(request.member.role, required.action, required.resource)) {
      throw new ForbiddenException(`A ${request.member.role} may not ${required.action} ${required.resource}`)
    }
    return true
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
