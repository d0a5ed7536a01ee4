import { Injectable } from '@nestjs/common'
import { revertTo } from '@rembuk/collab'
import { CommandRefused } from '@rembuk/domain'
import * as Y from 'yjs'
import type { SessionMember } from '../accounts/auth.decorators.js'
import { DocHistoryService } from '../documents/doc-history.service.js'
import { DocReader } from '../documents/doc-reader.js'
import { DocumentRegistry } from './document-registry.js'

/**
 * Sets a document back to an earlier revision as a new event (DocRestored): the events in between stay, and
 * everyone who has the document open sees the restored content at once.
 */
@Injectable()
export class DocRestorer {
  constructor(
    private readonly registry: DocumentRegistry,
    private readonly reader: DocReader,
    private readonly history: DocHistoryService,
  ) {}

  async restore(docId: string, revision: number, by: SessionMember): Promise<{ revision: number }> {
    await this.history.requireRevision(docId, revision)
    const document = await this.registry.acquire(docId)
    const { doc: earlier } = await this.reader.load(docId, BigInt(revision))
    const working = new Y.Doc()
    try {
      await document.writer.flush()
      Y.applyUpdate(working, Y.encodeStateAsUpdate(document.doc))
      const before = Y.encodeStateVector(working)
      let changed = false
      working.on('update', () => {
        changed = true
      })
      revertTo(working, earlier)
      if (!changed)
        throw new CommandRefused('conflict', `The document already has the content of revision ${revision}`)
      const update = Y.encodeStateAsUpdate(working, before)
      const actor = { actorId: by.memberId, actorName: by.name, schoolId: by.schoolId }
      const stored = await document.writer.appendRestore(actor, update, revision)
      document.applyFromStore(update)
      return { revision: Number(stored) }
    } finally {
      working.destroy()
      earlier.destroy()
      this.registry.releaseIfUnused(document)
    }
  }
}
