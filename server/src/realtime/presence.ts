import type { PresentMember, Role } from '@rembuk/domain'

/** What one socket.io connection says of its member: who they are and which documents they have open. */
export interface ConnectionPresence {
  memberId: string
  name: string
  role: Role
  docIds: readonly string[]
}

/**
 * Who of a school is online, and in which documents, from all of its connections on every replica: a member
 * on a phone and a laptop is one member with the documents of both.
 */
export function presentMembers(connections: Iterable<ConnectionPresence>): PresentMember[] {
  const members = new Map<string, PresentMember>()
  for (const connection of connections) {
    const present = members.get(connection.memberId) ?? {
      memberId: connection.memberId,
      name: connection.name,
      role: connection.role,
      docIds: [],
    }
    present.docIds = [...new Set([...present.docIds, ...connection.docIds])].sort()
    members.set(connection.memberId, present)
  }
  return [...members.values()].sort((a, b) => a.name.localeCompare(b.name))
}
