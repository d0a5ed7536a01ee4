import { CommandRefused } from '../errors.js'
import type { EventMetadata } from '../metadata.js'
import { can } from './permissions.js'
import type { Role } from './roles.js'
import type { SchoolEvent } from './school-events.js'

export interface Member {
  memberId: string
  name: string
  email: string
  role: Role
}

export interface School {
  schoolId: string
  name: string
  members: ReadonlyMap<string, Member>
}

/** Before SchoolSetUp there is no school. */
export type SchoolState = School | undefined

export type SchoolCommand =
  | { type: 'SetUpSchool'; schoolId: string; name: string; principal: Omit<Member, 'role'> }
  | { type: 'InviteMember'; by: string; member: Member }
  | { type: 'ChangeRole'; by: string; memberId: string; role: Role }
  | { type: 'RemoveMember'; by: string; memberId: string }

type SchoolEventData = {
  [E in SchoolEvent as E['type']]: { type: E['type']; data: E['data'] }
}[SchoolEvent['type']]

export function evolveSchool(state: SchoolState, event: SchoolEventData): SchoolState {
  if (event.type === 'SchoolSetUp') {
    const { schoolId, name, principal } = event.data
    return { schoolId, name, members: new Map([[principal.memberId, { ...principal, role: 'principal' }]]) }
  }
  if (!state) return state
  const members = new Map(state.members)
  switch (event.type) {
    case 'MemberInvited':
      members.set(event.data.memberId, { ...event.data })
      break
    case 'MemberRoleChanged': {
      const member = members.get(event.data.memberId)
      if (member) members.set(member.memberId, { ...member, role: event.data.to })
      break
    }
    case 'MemberRemoved':
      members.delete(event.data.memberId)
      break
  }
  return { ...state, members }
}

/** The events a command leads to, or CommandRefused with the reason. */
export function decideSchool(command: SchoolCommand, state: SchoolState): SchoolEventData[] {
  if (command.type === 'SetUpSchool') {
    if (state) throw new CommandRefused('conflict', 'This workspace already has a school')
    const { schoolId, name, principal } = command
    return [{ type: 'SchoolSetUp', data: { schoolId, name, principal } }]
  }
  if (!state) throw new CommandRefused('not_found', 'The school has not been set up')
  const actor = state.members.get(command.by)
  if (!actor || !can(actor.role, 'create', 'member')) {
    throw new CommandRefused('forbidden', 'Only the principal manages the members of the school')
  }
  switch (command.type) {
    case 'InviteMember': {
      const { member } = command
      if (state.members.has(member.memberId)) throw new CommandRefused('conflict', 'That member id is taken')
      if ([...state.members.values()].some((m) => m.email === member.email)) {
        throw new CommandRefused('conflict', `${member.email} is already a member of this school`)
      }
      return [{ type: 'MemberInvited', data: { ...member } }]
    }
    case 'ChangeRole': {
      const member = requireMember(state, command.memberId)
      if (member.role === command.role) return []
      if (member.role === 'principal') assertAnotherPrincipal(state, member.memberId)
      return [
        {
          type: 'MemberRoleChanged',
          data: { memberId: member.memberId, from: member.role, to: command.role },
        },
      ]
    }
    case 'RemoveMember': {
      const member = requireMember(state, command.memberId)
      if (member.role === 'principal') assertAnotherPrincipal(state, member.memberId)
      return [{ type: 'MemberRemoved', data: { memberId: member.memberId } }]
    }
  }
}

/** The metadata of an event that `memberId` caused in this school. */
export function schoolMetadata(school: School, memberId: string): EventMetadata {
  const member = school.members.get(memberId)
  return { actorId: memberId, schoolId: school.schoolId, ...(member ? { actorName: member.name } : {}) }
}

function requireMember(state: School, memberId: string): Member {
  const member = state.members.get(memberId)
  if (!member) throw new CommandRefused('not_found', `No member ${memberId} in this school`)
  return member
}

function assertAnotherPrincipal(state: School, memberId: string): void {
  const others = [...state.members.values()].filter((m) => m.role === 'principal' && m.memberId !== memberId)
  if (others.length === 0) throw new CommandRefused('conflict', 'A school keeps at least one principal')
}
