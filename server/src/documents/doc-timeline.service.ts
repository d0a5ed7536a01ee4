import { Inject, Injectable } from '@nestjs/common'
import { applyAndDescribe, type ChangePath, compareDocs, type DocComparison } from '@rembuk/collab'
import {
  docContentEventTypes,
  docStream,
  type TimelineChange,
  type TimelineEntry,
  type TimelinePage,
} from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import * as Y from 'yjs'
import { EVENT_STORE } from '../store/store.module.js'
import { DocHistoryService, toEntry } from './doc-history.service.js'
import { DocReader } from './doc-reader.js'

export interface TimelineFilter {
  /** Only the events of this member. */
  actorId?: string
  /** Only events that changed this root (`goals`, `lanes`, ...). */
  root?: string
}

/** How far one timeline request reads before it answers with what it found (filters may match rarely). */
const maxScan = 5_000

/** A document's events in words: who changed which part, and what differs between any two revisions. */
@Injectable()
export class DocTimelineService {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    private readonly reader: DocReader,
    private readonly history: DocHistoryService,
  ) {}

  async timeline(docId: string, from: number, limit: number, filter: TimelineFilter): Promise<TimelinePage> {
    const head = await this.history.requireDoc(docId)
    const { doc } = from === 0 ? { doc: new Y.Doc() } : await this.reader.load(docId, BigInt(from - 1))
    const entries: TimelineEntry[] = []
    let next: number | null = null
    let scanned = 0
    try {
      for await (const event of this.events.readStream(docStream(docId), { fromRevision: BigInt(from) })) {
        const revision = Number(event.revision)
        if (entries.length >= limit || scanned >= maxScan) {
          next = revision
          break
        }
        scanned += 1
        const paths =
          docContentEventTypes.includes(event.type) && event.payload
            ? applyAndDescribe(doc, event.payload)
            : []
        if (filter.actorId && event.metadata.actorId !== filter.actorId) continue
        if (filter.root && !paths.some((path) => path[0] === filter.root)) continue
        const restored = (event.data as { restoredRevision?: number }).restoredRevision
        entries.push({
          ...toEntry(event),
          changes: paths.map((path) => describe(doc, path)),
          ...(restored === undefined ? {} : { restoredRevision: restored }),
        })
      }
    } finally {
      doc.destroy()
    }
    return { docId, head: Number(head), entries, next }
  }

  async compare(
    docId: string,
    from: number,
    to: number,
  ): Promise<DocComparison & { from: number; to: number }> {
    await this.history.requireRevision(docId, Math.max(from, to))
    const [before, after] = await Promise.all([
      this.reader.load(docId, BigInt(from)),
      this.reader.load(docId, BigInt(to)),
    ])
    try {
      return { from, to, ...compareDocs(before.doc, after.doc) }
    } finally {
      before.doc.destroy()
      after.doc.destroy()
    }
  }
}

/** A lane's path carries the lane's subject, so that a timeline can say "Kimia" rather than an id. */
function describe(doc: Y.Doc, path: ChangePath): TimelineChange {
  if (path[0] !== 'lanes' || !path[1]) return { path }
  const subject = doc.getMap<Y.Map<unknown>>('lanes').get(path[1])?.get('subject')
  return typeof subject === 'string' ? { path, label: subject } : { path }
}
