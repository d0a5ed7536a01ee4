import { Controller, Get } from '@nestjs/common'
import { CurrentMember, Requires, type SessionMember } from '../accounts/auth.decorators.js'
import { DashboardService } from './dashboard.service.js'

@Controller('api/dashboard')
export class DashboardController {
  constructor(private readonly dashboards: DashboardService) {}

  @Get()
  @Requires('read', 'school')
  get(@CurrentMember() member: SessionMember) {
    return this.dashboards.dashboard(member.schoolId)
  }
}
