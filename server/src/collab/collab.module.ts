import { Module } from '@nestjs/common'
import { AccountsModule } from '../accounts/accounts.module.js'
import { AppConfig } from '../config/app-config.js'
import { DocumentsModule } from '../documents/documents.module.js'
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
import { RedisDocBus } from './redis-doc-bus.js'

@Module({
  imports: [DocumentsModule, AccountsModule, SchoolsModule, PlansModule, MapsModule],
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
      useFactory: (config: AppConfig): Promise<DocBus> | DocBus =>
        config.redisUrl ? RedisDocBus.connect(config.redisUrl) : new SoloDocBus(),
    },
  ],
  exports: [DocumentRegistry],
})
export class CollabModule {}
