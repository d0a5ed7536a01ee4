import type { IncomingMessage } from 'node:http'

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

  /**
   * Asked again for an open connection when the school, a plan or a map changed: the identity it should have
   * now, or a refusal that closes it. A policy that never changes its mind keeps the identity.
   */
  reconsider(_docId: string, identity: CollabIdentity): CollabIdentity | CollabRefusal {
    return identity
  }
}

export function isRefusal(result: CollabIdentity | CollabRefusal): result is CollabRefusal {
  return 'refused' in result
}
