import type { Role } from './roles.js'

/** A signed-in member as the API shows them. */
export interface UserView {
  memberId: string
  schoolId: string
  schoolName: string
  name: string
  email: string
  role: Role
}

/** What setup, login and accepting an invitation answer. */
export interface SessionView {
  token: string
  user: UserView
}
