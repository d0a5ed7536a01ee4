import { Module } from '@nestjs/common'
import { ItemReviewsModule } from '../item-reviews/item-reviews.module.js'
import { MapsModule } from '../maps/maps.module.js'
import { PlansModule } from '../plans/plans.module.js'
import { TeamTeachingModule } from '../team-teaching/team-teaching.module.js'
import { DocHistoryController } from './doc-history.controller.js'
import { DocHistoryService } from './doc-history.service.js'
import { DocStorageModule } from './doc-storage.module.js'
import { DocTimelineService } from './doc-timeline.service.js'
import { DocVersionsService } from './doc-versions.service.js'
import { DocumentAccess } from './document-access.js'

@Module({
  imports: [DocStorageModule, PlansModule, MapsModule, TeamTeachingModule, ItemReviewsModule],
  controllers: [DocHistoryController],
  providers: [DocHistoryService, DocTimelineService, DocVersionsService, DocumentAccess],
  exports: [DocStorageModule, DocumentAccess, DocHistoryService],
})
export class DocumentsModule {}
