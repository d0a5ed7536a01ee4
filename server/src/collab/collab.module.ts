import { Module } from '@nestjs/common'
import { DocumentsModule } from '../documents/documents.module.js'
import { CollabAccess, OpenCollabAccess } from './collab-access.js'
import { CollabGateway } from './collab-gateway.js'
import { DocumentRegistry } from './document-registry.js'

@Module({
  imports: [DocumentsModule],
  providers: [DocumentRegistry, CollabGateway, { provide: CollabAccess, useClass: OpenCollabAccess }],
  exports: [DocumentRegistry],
})
export class CollabModule {}
