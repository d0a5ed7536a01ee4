import { Inject, Injectable } from '@nestjs/common'
import { rebuildDoc } from '@rembuk/collab'
import { docContentEventTypes, docStream } from '@rembuk/domain'
import type { EventStore, SnapshotStore } from '@rembuk/event-store'
import type * as Y from 'yjs'
import { EVENT_STORE, SNAPSHOT_STORE } from '../store/store.module.js'

export interface LoadedDoc {
  doc: Y.Doc
  /** The revision of the last event applied; undefined for a document with no events yet. */
  revision: bigint | undefined
  /** How many events were applied on top of the snapshot. */
  tailLength: number
  /** The bytes it was built from (snapshot and tail): what the document weighs in the store. */
  storedBytes: number
}

/** Reads a document out of the log: the newest snapshot at or before the revision, then the events after it. */
@Injectable()
export class DocReader {
  constructor(
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(SNAPSHOT_STORE) private readonly snapshots: SnapshotStore,
  ) {}

  async load(docId: string, atRevision?: bigint): Promise<LoadedDoc> {
    const snapshot = await this.snapshots.latest(docId, atRevision)
    const updates: Uint8Array[] = []
    let revision = snapshot?.revision
    const tail = this.events.readStream(docStream(docId), {
      fromRevision: snapshot ? snapshot.revision + 1n : 0n,
      ...(atRevision === undefined ? {} : { max: Number(atRevision - (snapshot?.revision ?? -1n)) }),
    })
    for await (const event of tail) {
      if (docContentEventTypes.includes(event.type)) {
        if (!event.payload) throw new Error(`${event.type} at ${docId}@${event.revision} has no payload`)
        updates.push(event.payload)
      }
      revision = event.revision
    }
    const storedBytes = updates.reduce(
      (sum, update) => sum + update.byteLength,
      snapshot?.state.byteLength ?? 0,
    )
    return { doc: rebuildDoc(snapshot?.state, updates), revision, tailLength: updates.length, storedBytes }
  }
}
