import type { Role } from './school/roles.js'

/** A member who is online now, as socket.io's `presence:update` shows them. */
export interface PresentMember {
  memberId: string
  name: string
  role: Role
  /** The documents this member has open, on any of their devices. */
  docIds: string[]
}

export type NotificationKind = 'team-added' | 'plan-submitted' | 'feedback-given' | 'plan-approved'

/** Something a member should know of, live (`notification:new`) and in `GET /api/notifications`. */
export interface NotificationView {
  kind: NotificationKind
  planId: string
  title: string
  by: { memberId: string; name: string | null }
  at: string
  /** The feedback itself, for `feedback-given`. */
  text?: string
}
