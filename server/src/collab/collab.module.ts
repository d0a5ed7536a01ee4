import { Module } from '@nestjs/common'
import { AccountsModule } from '../accounts/accounts.module.js'
import { AppConfig } from '../config/app-config.js'
import { DocumentsModule } from '../documents/documents.module.js'
import { ItemReviewsModule } from '../item-reviews/item-reviews.module.js'
import { MapsModule } from '../maps/maps.module.js'
import { PlansModule } from '../plans/plans.module.js'
import { SchoolsModule } from '../schools/schools.module.js'
import { CollabAccessReview } from './access-review.js'
import { CollabAccess } from './collab-access.js'
import { CollabGateway } from './collab-gateway.js'
import { DocBus, SoloDocBus } from './doc-bus.js'
import { DocRestoreController } from './doc-restore.controller.js'
import { DocRestorer } from './doc-restorer.js'
import { DocumentRegistry } from './document-registry.js'
import { MemberCollabAccess } from './member-collab-access.js'

@Module({
  imports: [DocumentsModule, AccountsModule, SchoolsModule, PlansModule, MapsModule, ItemReviewsModule],
  controllers: [DocRestoreController],
  providers: [
    DocumentRegistry,
    DocRestorer,
    CollabGateway,
    CollabAccessReview,
    { provide: CollabAccess, useClass: MemberCollabAccess },
    {
      provide: DocBus,
      inject: [AppConfig],
      useFactory: async (config: AppConfig): Promise<DocBus> => {
        if (!config.redisUrl) return new SoloDocBus()
        const { RedisDocBus } = await import('./redis-doc-bus.js')
        return RedisDocBus.connect(config.redisUrl)
      },
    },
  ],
  exports: [DocumentRegistry],
})
export class CollabModule {}
