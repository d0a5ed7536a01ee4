import type { IncomingMessage } from 'node:http'
import { Injectable } from '@nestjs/common'

/** Who is on a collaboration connection, and whether their updates may change the document. */
export interface CollabIdentity {
  actorId: string
  actorName?: string
  schoolId?: string
  canWrite: boolean
}

export interface CollabRefusal {
  refused: 401 | 403 | 404
  reason: string
}

export interface CollabRequest {
  docId: string
  url: URL
  request: IncomingMessage
}

/**
 * Decides at the WebSocket handshake who may open a document: refuse (no read right), read-only (updates are
 * dropped, never stored), or read-write. Bind another implementation to change the policy.
 */
export abstract class CollabAccess {
  abstract authorize(request: CollabRequest): Promise<CollabIdentity | CollabRefusal>
}

const actorPattern = /^[\w.@-]{1,100}$/

/**
 * The policy while the server has no accounts: everyone may read and write, and names themselves with
 * `?actor=`. It trusts that name, so it suits a trial on one machine, not a school's real data.
 */
@Injectable()
export class OpenCollabAccess extends CollabAccess {
  async authorize({ url }: CollabRequest): Promise<CollabIdentity | CollabRefusal> {
    const actor = url.searchParams.get('actor') ?? 'anonymous'
    if (!actorPattern.test(actor))
      return { refused: 401, reason: 'actor must be 1-100 of letters, digits and _.@-' }
    return { actorId: actor, canWrite: true }
  }
}

export function isRefusal(result: CollabIdentity | CollabRefusal): result is CollabRefusal {
  return 'refused' in result
}
