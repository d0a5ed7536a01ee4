import { Inject, Injectable } from '@nestjs/common'
import { createEvent, docVersionsStream, type NamedVersion, VersionNamed } from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import type { SessionMember } from '../accounts/auth.decorators.js'
import { EVENT_STORE } from '../store/store.module.js'
import { DocHistoryService } from './doc-history.service.js'

/** Names given to revisions of a document ("after the March meeting"), kept as events beside it. */
@Injectable()
export class DocVersionsService {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly history: DocHistoryService,
  ) {}

  async list(docId: string): Promise<NamedVersion[]> {
    const versions: NamedVersion[] = []
    for await (const event of this.events.readStream(docVersionsStream(docId), { fromRevision: 0n })) {
      const data = event.data as { revision: number; name: string }
      versions.push({
        revision: data.revision,
        name: data.name,
        by: { memberId: event.metadata.actorId, name: event.metadata.actorName ?? null },
        at: event.created.toISOString(),
      })
    }
    return versions.sort((a, b) => a.revision - b.revision)
  }

  async name(docId: string, revision: number, name: string, by: SessionMember): Promise<NamedVersion[]> {
    await this.history.requireRevision(docId, revision)
    const event = createEvent(
      VersionNamed,
      { docId, revision, name },
      { actorId: by.memberId, actorName: by.name, schoolId: by.schoolId },
    )
    await this.events.append(docVersionsStream(docId), [event], 'any')
    return this.list(docId)
  }
}
