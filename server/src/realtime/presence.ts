import type { PresentMember, Role } from '@rembuk/domain'

interface Connection {
  memberId: string
  name: string
  role: Role
  schoolId: string
  docIds: Set<string>
}

/** Who of each school is online, and in which documents, counted per connection (a phone and a laptop). */
export class Presence {
  private readonly connections = new Map<string, Connection>()

  join(connectionId: string, member: Omit<Connection, 'docIds'>): void {
    this.connections.set(connectionId, { ...member, docIds: new Set() })
  }

  leave(connectionId: string): string | undefined {
    const schoolId = this.connections.get(connectionId)?.schoolId
    this.connections.delete(connectionId)
    return schoolId
  }

  open(connectionId: string, docId: string): void {
    this.connections.get(connectionId)?.docIds.add(docId)
  }

  close(connectionId: string, docId: string): void {
    this.connections.get(connectionId)?.docIds.delete(docId)
  }

  of(schoolId: string): PresentMember[] {
    const members = new Map<string, PresentMember>()
    for (const connection of this.connections.values()) {
      if (connection.schoolId !== schoolId) continue
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
}
