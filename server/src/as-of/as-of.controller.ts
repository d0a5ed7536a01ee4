import { Controller, Get, Query } from '@nestjs/common'
import { z } from 'zod'
import { CurrentMember, Requires, type SessionMember } from '../accounts/auth.decorators.js'
import { ZodPipe } from '../common/zod-pipe.js'
import { SchoolAsOfService } from './school-as-of.js'

const asOfQuery = z.object({
  position: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  at: z.iso.datetime({ offset: true }).optional(),
})

@Controller('api/as-of')
export class AsOfController {
  constructor(private readonly asOf: SchoolAsOfService) {}

  /**
   * The school's plans, maps, meetings, decisions and practices as they were at a position of the log or a
   * moment (`at`, ISO 8601), as the member may see them.
   */
  @Get()
  @Requires('read', 'history')
  get(
    @CurrentMember() member: SessionMember,
    @Query(new ZodPipe(asOfQuery)) query: z.infer<typeof asOfQuery>,
  ) {
    return this.asOf.at(member, {
      position: query.position,
      at: query.at ? new Date(query.at) : undefined,
    })
  }
}
