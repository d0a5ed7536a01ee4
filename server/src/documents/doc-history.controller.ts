import { Controller, Get, Param, Query } from '@nestjs/common'
import { docIdSchema } from '@rembuk/domain'
import { z } from 'zod'
import { Requires } from '../accounts/auth.decorators.js'
import { ZodPipe } from '../common/zod-pipe.js'
import { DocHistoryService } from './doc-history.service.js'

const revision = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER)

const historyQuery = z.object({
  from: revision.default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
})

const stateQuery = z.object({ revision: revision.optional() })

@Controller('api/docs/:docId')
@Requires('read', 'history')
export class DocHistoryController {
  constructor(private readonly history: DocHistoryService) {}

  @Get('history')
  list(
    @Param('docId', new ZodPipe(docIdSchema)) docId: string,
    @Query(new ZodPipe(historyQuery)) query: z.infer<typeof historyQuery>,
  ) {
    return this.history.history(docId, query.from, query.limit)
  }

  @Get('state')
  state(
    @Param('docId', new ZodPipe(docIdSchema)) docId: string,
    @Query(new ZodPipe(stateQuery)) query: z.infer<typeof stateQuery>,
  ) {
    return this.history.state(docId, query.revision)
  }
}
