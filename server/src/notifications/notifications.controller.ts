import { Controller, Get } from '@nestjs/common'
import { CurrentMember, type SessionMember } from '../accounts/auth.decorators.js'
import { NotificationsService } from './notifications.service.js'

@Controller('api/notifications')
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  list(@CurrentMember() member: SessionMember) {
    return this.notifications.of(member.memberId)
  }
}
