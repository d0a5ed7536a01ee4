import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common'
import { docIdSchema } from '@rembuk/domain'
import { z } from 'zod'
import { CurrentMember, Requires, type SessionMember } from '../accounts/auth.decorators.js'
import { ZodPipe } from '../common/zod-pipe.js'
import { DocHistoryService } from './doc-history.service.js'
import { DocumentAccess } from './document-access.js'

const revision = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER)

const historyQuery = z.object({
  from: revision.default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
})

const stateQuery = z.object({ revision: revision.optional() })

@Controller('api/docs/:docId')
@Requires('read', 'history')
export class DocHistoryController {
  constructor(
    private readonly history: DocHistoryService,
    private readonly access: DocumentAccess,
  ) {}

  @Get('history')
  list(
    @CurrentMember() member: SessionMember,
    @Param('docId', new ZodPipe(docIdSchema)) docId: string,
    @Query(new ZodPipe(historyQuery)) query: z.infer<typeof historyQuery>,
  ) {
    this.requireReadable(docId, member)
    return this.history.history(docId, query.from, query.limit)
  }

  @Get('state')
  state(
    @CurrentMember() member: SessionMember,
    @Param('docId', new ZodPipe(docIdSchema)) docId: string,
    @Query(new ZodPipe(stateQuery)) query: z.infer<typeof stateQuery>,
  ) {
    this.requireReadable(docId, member)
    return this.history.state(docId, query.revision)
  }

  private requireReadable(docId: string, member: SessionMember): void {
    const access = this.access.of(docId, member)
    if (access === undefined || access === 'none') throw new NotFoundException(`No document ${docId}`)
  }
}
