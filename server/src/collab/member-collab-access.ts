import { Injectable, UnauthorizedException } from '@nestjs/common'
import { documentAccess } from '@rembuk/domain'
import { AuthGuard } from '../accounts/auth.guard.js'
import { CollabAccess, type CollabIdentity, type CollabRefusal, type CollabRequest } from './collab-access.js'

/**
 * Members only: the session token comes as `?token=` (browsers cannot set headers on a WebSocket). A role
 * with no read right is refused; a read-only role (supervisor, committee) gets a connection whose updates
 * are dropped.
 */
@Injectable()
export class MemberCollabAccess extends CollabAccess {
  constructor(private readonly auth: AuthGuard) {
    super()
  }

  async authorize({ url }: CollabRequest): Promise<CollabIdentity | CollabRefusal> {
    const token = url.searchParams.get('token')
    if (!token) return { refused: 401, reason: 'sign in first: add ?token=<session token>' }
    try {
      const member = await this.auth.memberOfToken(token)
      const access = documentAccess(member.role)
      if (access === 'none') return { refused: 403, reason: `a ${member.role} may not open documents` }
      return {
        actorId: member.memberId,
        actorName: member.name,
        schoolId: member.schoolId,
        canWrite: access === 'write',
      }
    } catch (error) {
      if (error instanceof UnauthorizedException) return { refused: 401, reason: error.message }
      throw error
    }
  }
}
