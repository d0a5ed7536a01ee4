import { CommandRefused } from './errors.js'
import { can, documentAccess, type Resource } from './school/permissions.js'
import type { Role } from './school/roles.js'

export interface TeamActor {
  memberId: string
  role: Role
  isMember(memberId: string): boolean
}

/** On the team and allowed to manage this kind of thing. */
export function managesTeam(team: readonly string[], actor: TeamActor, resource: Resource): boolean {
  return team.includes(actor.memberId) && can(actor.role, 'manage', resource)
}

/**
 * The team rules shared by plans and maps: its team or the principal forms it, only members of the school join,
 * and at least one person stays on it. Undefined when nothing changes.
 */
export function decideTeamChange(
  team: readonly string[],
  actor: TeamActor,
  resource: 'plan' | 'map',
  change: { add: string } | { remove: string },
): { added: string } | { removed: string } | undefined {
  if (!managesTeam(team, actor, resource) && actor.role !== 'principal') {
    throw new CommandRefused('forbidden', `Only the ${resource} team or the principal forms the team`)
  }
  if ('add' in change) {
    if (!actor.isMember(change.add)) throw new CommandRefused('invalid', `${change.add} is not a member`)
    return team.includes(change.add) ? undefined : { added: change.add }
  }
  if (!team.includes(change.remove)) return undefined
  if (team.length === 1)
    throw new CommandRefused('conflict', `A ${resource} keeps at least one teacher on its team`)
  return { removed: change.remove }
}

/** Everyone named must be a member of the school. */
export function assertMembers(ids: readonly string[], actor: TeamActor): void {
  const strangers = ids.filter((id) => !actor.isMember(id))
  if (strangers.length > 0)
    throw new CommandRefused('invalid', `Not members of this school: ${strangers.join(', ')}`)
}

/**
 * What a member gets on the live document of a team's plan or map: the team and the principal write while
 * it is `open` to changes; everyone else who may read documents reads.
 */
export function teamDocumentAccess(
  team: readonly string[],
  member: { memberId: string; role: Role },
  open: boolean,
): 'none' | 'read' | 'write' {
  const access = documentAccess(member.role)
  if (access !== 'write') return access
  const writer = team.includes(member.memberId) || member.role === 'principal'
  return writer && open ? 'write' : 'read'
}
