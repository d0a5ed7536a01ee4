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
}

export function isRefusal(result: CollabIdentity | CollabRefusal): result is CollabRefusal {
  return 'refused' in result
}
