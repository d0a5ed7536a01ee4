import { Injectable, UnauthorizedException } from '@nestjs/common'
import { AuthGuard } from '../accounts/auth.guard.js'
import { DocumentAccess } from '../documents/document-access.js'
import { FreshReads } from '../projections/fresh-reads.js'
import { SchoolDirectory } from '../schools/school-directory.js'
import { CollabAccess, type CollabIdentity, type CollabRefusal, type CollabRequest } from './collab-access.js'

/**
 * Members only: the session token comes as `?token=` (browsers cannot set headers on a WebSocket). A document
 * that is not part of the member's school is refused as not found; a member who may only read it (the
 * supervisor, the committee, a teacher outside the plan's team) gets a connection whose updates are dropped.
 */
@Injectable()
export class MemberCollabAccess extends CollabAccess {
  constructor(
    private readonly auth: AuthGuard,
    private readonly documents: DocumentAccess,
    private readonly schools: SchoolDirectory,
    private readonly fresh: FreshReads,
  ) {
    super()
  }

  async authorize({ docId, url }: CollabRequest): Promise<CollabIdentity | CollabRefusal> {
    const token = url.searchParams.get('token')
    if (!token) return { refused: 401, reason: 'sign in first: add ?token=<session token>' }
    try {
      await this.fresh.reachHead()
      const member = await this.auth.memberOfToken(token)
      const access = this.documents.of(docId, member)
      if (access === undefined) return { refused: 404, reason: `no document ${docId}` }
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

  override reconsider(docId: string, identity: CollabIdentity): CollabIdentity | CollabRefusal {
    const schoolId = identity.schoolId ?? ''
    const member = this.schools.member(schoolId, identity.actorId)
    if (!member) return { refused: 401, reason: 'no longer a member of the school' }
    const access = this.documents.of(docId, { ...member, schoolId })
    if (access === undefined || access === 'none')
      return { refused: 403, reason: 'no longer allowed to open it' }
    return { ...identity, canWrite: access === 'write' }
  }
}
