import type { Role } from './roles.js'

export const resources = [
  'school',
  'member',
  'plan',
  'map',
  'document',
  'decision',
  'practice',
  'history',
] as const
export type Resource = (typeof resources)[number]

export const actions = ['read', 'create', 'edit', 'comment', 'manage', 'review'] as const
export type Action = (typeof actions)[number]

type Grants = Readonly<Record<Resource, readonly Action[]>>

const readEverything: Grants = {
  school: ['read'],
  member: ['read'],
  plan: ['read'],
  map: ['read'],
  document: ['read'],
  decision: ['read'],
  practice: ['read'],
  history: ['read'],
}

/**
 * Who may do what, by role alone. Rules that depend on the thing itself (a teacher edits a plan's content
 * only while on its team, an archived plan takes no edits) belong to that aggregate's decisions.
 * - manage: membership and workflow (invite members, form teams, move a plan through its steps);
 * - review: the principal's feedback and approval.
 */
export const permissionTable: Readonly<Record<Role, Grants>> = {
  principal: {
    school: ['read', 'edit', 'manage'],
    member: ['read', 'create', 'edit', 'manage'],
    plan: ['read', 'create', 'edit', 'comment', 'manage', 'review'],
    map: ['read', 'create', 'edit', 'comment', 'manage', 'review'],
    document: ['read', 'edit', 'comment'],
    decision: ['read', 'create', 'edit', 'comment', 'manage', 'review'],
    practice: ['read', 'create', 'edit', 'comment', 'manage', 'review'],
    history: ['read'],
  },
  teacher: {
    school: ['read'],
    member: ['read'],
    plan: ['read', 'create', 'edit', 'comment', 'manage'],
    map: ['read', 'create', 'edit', 'comment', 'manage'],
    document: ['read', 'edit', 'comment'],
    decision: ['read', 'create', 'comment'],
    practice: ['read', 'create', 'edit', 'comment', 'manage'],
    history: ['read'],
  },
  coach: {
    ...readEverything,
    plan: ['read', 'comment'],
    map: ['read', 'comment'],
    document: ['read', 'edit', 'comment'],
    decision: ['read', 'create', 'comment'],
    practice: ['read', 'create', 'edit', 'comment'],
  },
  staff: {
    ...readEverything,
    plan: ['read', 'comment'],
    map: ['read', 'comment'],
    document: ['read', 'edit', 'comment'],
    decision: ['read', 'comment'],
    practice: ['read', 'comment'],
  },
  committee: { ...readEverything, decision: ['read', 'comment'] },
  supervisor: readEverything,
}

export function can(role: Role, action: Action, resource: Resource): boolean {
  return permissionTable[role][resource].includes(action)
}

/** What a member gets on a live document: nothing, a read-only connection, or read and write. */
export function documentAccess(role: Role): 'none' | 'read' | 'write' {
  if (can(role, 'edit', 'document')) return 'write'
  return can(role, 'read', 'document') ? 'read' : 'none'
}
