import { Controller, Get, Inject } from '@nestjs/common'
import type { EventStore } from '@rembuk/event-store'
import { Public } from '../accounts/auth.decorators.js'
import { DocumentRegistry } from '../collab/document-registry.js'
import { EVENT_STORE } from '../store/store.module.js'

@Public()
@Controller('health')
export class HealthController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly documents: DocumentRegistry,
  ) {}

  @Get()
  async health() {
    return {
      status: 'ok',
      store: { kind: this.store.kind, position: Number(await this.store.headPosition()) },
      documents: { open: this.documents.openCount },
    }
  }
}
