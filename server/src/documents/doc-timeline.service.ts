import { Inject, Injectable, NotFoundException } from '@nestjs/common'
import {
  applyAndDescribe,
  type ChangePath,
  compareDocs,
  type DocComparison,
  docToJson,
  viewOf,
} from '@rembuk/collab'
import {
  docContentEventTypes,
  docStream,
  type TimelineChange,
  type TimelineEntry,
  type TimelinePage,
} from '@rembuk/domain'
import type { EventStore, RecordedEvent } from '@rembuk/event-store'
import * as Y from 'yjs'
import { EVENT_STORE } from '../store/store.module.js'
import { DocHistoryService, type DocState, toEntry } from './doc-history.service.js'
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
        const entry = applyEntry(doc, event)
        if (filter.actorId && event.metadata.actorId !== filter.actorId) continue
        if (filter.root && !entry.changes.some((change) => change.path[0] === filter.root)) continue
        entries.push(entry)
      }
    } finally {
      doc.destroy()
    }
    return { docId, head: Number(head), entries, next }
  }

  /**
   * One frame of a replay: the document at `revision` and the event that made it, from one load of the state
   * before it.
   */
  async frame(docId: string, revision: number): Promise<DocState & { entry: TimelineEntry }> {
    await this.history.requireRevision(docId, revision)
    const { doc } =
      revision === 0 ? { doc: new Y.Doc() } : await this.reader.load(docId, BigInt(revision - 1))
    try {
      for await (const event of this.events.readStream(docStream(docId), {
        fromRevision: BigInt(revision),
        max: 1,
      })) {
        const entry = applyEntry(doc, event)
        return { docId, revision, ...docToJson(doc), view: viewOf(doc), entry }
      }
      throw new NotFoundException(`Document ${docId} has no revision ${revision}`)
    } finally {
      doc.destroy()
    }
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

/** Applies a stored event to `doc` and describes it: who, when, and which parts it changed. */
function applyEntry(doc: Y.Doc, event: RecordedEvent): TimelineEntry {
  const paths =
    docContentEventTypes.includes(event.type) && event.payload ? applyAndDescribe(doc, event.payload) : []
  const restored = (event.data as { restoredRevision?: number }).restoredRevision
  return {
    ...toEntry(event),
    changes: paths.map((path) => describe(doc, path)),
    ...(restored === undefined ? {} : { restoredRevision: restored }),
  }
}

/** A lane's path carries the lane's subject, so that a timeline can say "Kimia" rather than an id. */
function describe(doc: Y.Doc, path: ChangePath): TimelineChange {
  if (path[0] !== 'lanes' || !path[1]) return { path }
  const subject = doc.getMap<Y.Map<unknown>>('lanes').get(path[1])?.get('subject')
  return typeof subject === 'string' ? { path, label: subject } : { path }
}
