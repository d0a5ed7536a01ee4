import { Module } from '@nestjs/common'
import { AccountsModule } from '../accounts/accounts.module.js'
import { DocumentsModule } from '../documents/documents.module.js'
import { CollabAccess } from './collab-access.js'
import { CollabGateway } from './collab-gateway.js'
import { DocRestoreController } from './doc-restore.controller.js'
import { DocRestorer } from './doc-restorer.js'
import { DocumentRegistry } from './document-registry.js'
import { MemberCollabAccess } from './member-collab-access.js'

@Module({
  imports: [DocumentsModule, AccountsModule],
  controllers: [DocRestoreController],
  providers: [
    DocumentRegistry,
    DocRestorer,
    CollabGateway,
    { provide: CollabAccess, useClass: MemberCollabAccess },
  ],
  exports: [DocumentRegistry],
})
export class CollabModule {}
