import { Module } from '@nestjs/common'
import { PlansModule } from '../plans/plans.module.js'
import { DocHistoryController } from './doc-history.controller.js'
import { DocHistoryService } from './doc-history.service.js'
import { DocReader } from './doc-reader.js'
import { DocumentAccess } from './document-access.js'
import { SnapshotBuilder } from './snapshot-builder.js'

@Module({
  imports: [PlansModule],
  controllers: [DocHistoryController],
  providers: [DocReader, SnapshotBuilder, DocHistoryService, DocumentAccess],
  exports: [DocReader, SnapshotBuilder, DocumentAccess],
})
export class DocumentsModule {}
