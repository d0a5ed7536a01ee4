import { Inject, Injectable, NotFoundException } from '@nestjs/common'
import { type DocJson, type DocView, docToJson, viewOf } from '@rembuk/collab'
import { docStream, type HistoryEntry, type HistoryPage } from '@rembuk/domain'
import type { EventStore, RecordedEvent } from '@rembuk/event-store'
import { EVENT_STORE } from '../store/store.module.js'
import { DocReader } from './doc-reader.js'

export interface DocState extends DocJson {
  docId: string
  revision: number
  /** The same content as people read it (fields as text, or the map's lanes and links). */
  view: DocView
}

@Injectable()
export class DocHistoryService {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly reader: DocReader,
  ) {}

  async history(docId: string, from: number, limit: number): Promise<HistoryPage> {
    const head = await this.requireDoc(docId)
    const entries: HistoryEntry[] = []
    for await (const event of this.events.readStream(docStream(docId), {
      fromRevision: BigInt(from),
      max: limit,
    })) {
      entries.push(toEntry(event))
    }
    const last = entries[entries.length - 1]
    return {
      docId,
      head: Number(head),
      entries,
      next: last && BigInt(last.revision) < head ? last.revision + 1 : null,
    }
  }

  async state(docId: string, revision?: number): Promise<DocState> {
    const head =
      revision === undefined ? await this.requireDoc(docId) : await this.requireRevision(docId, revision)
    const { doc, revision: reached } = await this.reader.load(
      docId,
      revision === undefined ? head : BigInt(revision),
    )
    try {
      return { docId, revision: Number(reached), ...docToJson(doc), view: viewOf(doc) }
    } finally {
      doc.destroy()
    }
  }

  /** The document's newest revision; 404 when it has no events or not `revision`. */
  async requireRevision(docId: string, revision: number): Promise<bigint> {
    const head = await this.requireDoc(docId)
    if (BigInt(revision) > head) {
      throw new NotFoundException(`Document ${docId} has no revision ${revision}; its latest is ${head}`)
    }
    return head
  }

  async requireDoc(docId: string): Promise<bigint> {
    const head = await this.events.streamRevision(docStream(docId))
    if (head === undefined) throw new NotFoundException(`Document ${docId} has no stored history`)
    return head
  }
}

export function toEntry(event: RecordedEvent): HistoryEntry {
  const data = event.data as { updates?: unknown }
  return {
    revision: Number(event.revision),
    type: event.type,
    actorId: event.metadata.actorId,
    actorName: event.metadata.actorName ?? null,
    time: event.created.toISOString(),
    size: event.payload?.byteLength ?? 0,
    updates: typeof data?.updates === 'number' ? data.updates : null,
  }
}
