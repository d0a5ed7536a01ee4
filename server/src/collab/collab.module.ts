import { Module } from '@nestjs/common'
import { AccountsModule } from '../accounts/accounts.module.js'
import { DocumentsModule } from '../documents/documents.module.js'
import { CollabAccess } from './collab-access.js'
import { CollabGateway } from './collab-gateway.js'
import { DocumentRegistry } from './document-registry.js'
import { MemberCollabAccess } from './member-collab-access.js'

@Module({
  imports: [DocumentsModule, AccountsModule],
  providers: [DocumentRegistry, CollabGateway, { provide: CollabAccess, useClass: MemberCollabAccess }],
  exports: [DocumentRegistry],
})
export class CollabModule {}
