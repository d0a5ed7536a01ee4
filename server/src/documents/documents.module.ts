import { Module } from '@nestjs/common'
import { DocHistoryController } from './doc-history.controller.js'
import { DocHistoryService } from './doc-history.service.js'
import { DocReader } from './doc-reader.js'
import { SnapshotBuilder } from './snapshot-builder.js'

@Module({
  controllers: [DocHistoryController],
  providers: [DocReader, SnapshotBuilder, DocHistoryService],
  exports: [DocReader, SnapshotBuilder],
})
export class DocumentsModule {}
