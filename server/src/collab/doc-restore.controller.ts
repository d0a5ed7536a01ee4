import {
  Body,
  Controller,
  ForbiddenException,
  HttpCode,
  NotFoundException,
  Param,
  Post,
} from '@nestjs/common'
import { docIdSchema } from '@rembuk/domain'
import { z } from 'zod'
import { CurrentMember, Requires, type SessionMember } from '../accounts/auth.decorators.js'
import { ZodPipe } from '../common/zod-pipe.js'
import { DocumentAccess } from '../documents/document-access.js'
import { DocRestorer } from './doc-restorer.js'

const restoreBody = z.object({ revision: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER) })

@Controller('api/docs/:docId')
export class DocRestoreController {
  constructor(
    private readonly restorer: DocRestorer,
    private readonly access: DocumentAccess,
  ) {}

  /** Those who may write the document now may set it back; the result is a new event. */
  @Post('restore')
  @HttpCode(200)
  @Requires('edit', 'document')
  restore(
    @CurrentMember() member: SessionMember,
    @Param('docId', new ZodPipe(docIdSchema)) docId: string,
    @Body(new ZodPipe(restoreBody)) body: z.infer<typeof restoreBody>,
  ) {
    const access = this.access.of(docId, member)
    if (access === undefined || access === 'none') throw new NotFoundException(`No document ${docId}`)
    if (access !== 'write')
      throw new ForbiddenException('Only those who may write this document now restore it')
    return this.restorer.restore(docId, body.revision, member)
  }
}
