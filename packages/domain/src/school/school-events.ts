import { z } from 'zod'
import { defineEvent, type EventOf } from '../events.js'
import { roles } from './roles.js'

export const memberIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a member id is 1-64 letters, digits, "-" or "_"')
export const schoolIdSchema = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'a school id is 1-64 letters, digits, "-" or "_"')
export const personNameSchema = z.string().trim().min(1).max(100)
export const emailSchema = z.string().trim().toLowerCase().max(200).email()
export const roleSchema = z.enum(roles)

export const schoolStreamPrefix = 'school-'
export const schoolStream = (schoolId: string): string => `${schoolStreamPrefix}${schoolId}`

export const SchoolSetUp = defineEvent(
  'SchoolSetUp',
  1,
  z.object({
    schoolId: schoolIdSchema,
    name: z.string().trim().min(1).max(200),
    principal: z.object({ memberId: memberIdSchema, name: personNameSchema, email: emailSchema }),
  }),
)

export const MemberInvited = defineEvent(
  'MemberInvited',
  1,
  z.object({ memberId: memberIdSchema, name: personNameSchema, email: emailSchema, role: roleSchema }),
)

export const MemberRoleChanged = defineEvent(
  'MemberRoleChanged',
  1,
  z.object({ memberId: memberIdSchema, from: roleSchema, to: roleSchema }),
)

export const MemberRemoved = defineEvent('MemberRemoved', 1, z.object({ memberId: memberIdSchema }))

export type SchoolSetUp = EventOf<typeof SchoolSetUp>
export type MemberInvited = EventOf<typeof MemberInvited>
export type MemberRoleChanged = EventOf<typeof MemberRoleChanged>
export type MemberRemoved = EventOf<typeof MemberRemoved>
export type SchoolEvent = SchoolSetUp | MemberInvited | MemberRoleChanged | MemberRemoved

export const schoolEventDefinitions = {
  SchoolSetUp,
  MemberInvited,
  MemberRoleChanged,
  MemberRemoved,
} as const

/** One stream for the whole workspace; its first event claims the workspace for one school. */
export const workspaceStream = 'workspace'

export const WorkspaceClaimed = defineEvent('WorkspaceClaimed', 1, z.object({ schoolId: schoolIdSchema }))

export type WorkspaceClaimed = EventOf<typeof WorkspaceClaimed>

export const workspaceEventDefinitions = { WorkspaceClaimed } as const
