import { type ActivityMapRecord, can, documentAccess, mapDocumentAccess, type Role } from '@rembuk/domain'

export type ReadOnlyCause = 'archived' | 'role' | 'team'

export interface MapAccess {
  document: 'none' | 'read' | 'write'
  /** Why the member only reads the map; null when they write. */
  readOnlyCause: ReadOnlyCause | null
  /** Forms the team and archives the map. */
  manages: boolean
}

/** What a member may do with a map, by the same rules the server applies. */
export function mapAccess(map: ActivityMapRecord, member: { memberId: string; role: Role }): MapAccess {
  const document = mapDocumentAccess(map, member)
  const onTeam = map.team.includes(member.memberId)
  const manages =
    !map.archived && (member.role === 'principal' || (onTeam && can(member.role, 'manage', 'map')))
  return { document, readOnlyCause: document === 'write' ? null : causeOf(map, member.role), manages }
}

function causeOf(map: ActivityMapRecord, role: Role): ReadOnlyCause {
  if (map.archived) return 'archived'
  return documentAccess(role) === 'write' ? 'team' : 'role'
}
