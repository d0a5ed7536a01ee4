import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common'
import type { Action, Member, Resource } from '@rembuk/domain'

export const isPublicKey = 'rembuk:public'
export const requiresKey = 'rembuk:requires'

/** The route needs no session (setup, login, health). */
export const Public = () => SetMetadata(isPublicKey, true)

/** The member's role must allow `action` on `resource` (the permission table in @rembuk/domain). */
export const Requires = (action: Action, resource: Resource) => SetMetadata(requiresKey, { action, resource })

/** Who made the request: a member of one school, as the directory knows them now. */
export interface SessionMember extends Member {
  schoolId: string
}

export const CurrentMember = createParamDecorator((_: unknown, context: ExecutionContext): SessionMember => {
  const request = context.switchToHttp().getRequest<{ member?: SessionMember }>()
  if (!request.member) throw new Error('CurrentMember used on a public route')
  return request.member
})
