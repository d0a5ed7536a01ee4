import { docStreamPrefix } from '@rembuk/domain'
import type { EventStore, RecordedEvent, SnapshotStore } from '@rembuk/event-store'
import { type ReplayedDoc, replayDoc, type StoredDocEvent } from './doc-replay.js'

export type { ReplayedDoc } from './doc-replay.js'

export interface StoreLogCheck {
  ok: boolean
  problems: string[]
  /** The position the check read up to (the store's head when it started, unless given). */
  headPosition: bigint
  events: number
  streams: number
  snapshots: number
  /** Each document (stream `doc-<docId>`) as its events replay, by docId. */
  documents: Record<string, ReplayedDoc>
}

export interface StoreLogCheckOptions {
  /** Reads up to this position (inclusive) so that appends made meanwhile do not count. */
  untilPosition?: bigint
}

interface Seen {
  id: string
  position: bigint
  revision: bigint
  type: string
  payload: Uint8Array | null
}

/**
 * Checks any event store through its port, as `checkLogIntegrity` checks a SQLite file, and lists what is
 * wrong instead of throwing: positions increasing across `readAll`, unique event ids, each stream's
 * revisions 0, 1, 2, … without gap or repeat and `readStream` agreeing with `readAll`, and each document's
 * replay (see `replayDoc`: an update that changes nothing was stored twice; one that leaves the replay
 * waiting has lost causes) against its snapshots, when a snapshot store is given.
 */
export async function checkStoreLog(
  store: EventStore,
  snapshots?: SnapshotStore,
  options: StoreLogCheckOptions = {},
): Promise<StoreLogCheck> {
  const problems: string[] = []
  const result: StoreLogCheck = {
    ok: false,
    problems,
    headPosition: 0n,
    events: 0,
    streams: 0,
    snapshots: 0,
    documents: {},
  }
  try {
    await inspect(store, snapshots, options, result)
  } catch (error) {
    problems.push(`reading the ${store.kind} store failed: ${(error as Error).stack ?? error}`)
  }
  result.ok = problems.length === 0
  return result
}

async function inspect(
  store: EventStore,
  snapshots: SnapshotStore | undefined,
  options: StoreLogCheckOptions,
  result: StoreLogCheck,
): Promise<void> {
  const { problems } = result
  const head = options.untilPosition ?? (await store.headPosition())
  result.headPosition = head
  const streams = new Map<string, Seen[]>()
  const ids = new Map<string, number>()
  let previous: bigint | undefined
  for await (const event of store.readAll({ untilPosition: head })) {
    result.events += 1
    if (previous !== undefined && event.position <= previous) {
      problems.push(`position ${event.position} follows position ${previous}`)
    }
    if (event.position > head) problems.push(`readAll gave position ${event.position}, past ${head}`)
    previous = event.position
    ids.set(event.id, (ids.get(event.id) ?? 0) + 1)
    const seen = streams.get(event.streamId) ?? []
    seen.push(keep(event))
    streams.set(event.streamId, seen)
  }
  for (const [id, n] of ids) if (n > 1) problems.push(`event id ${id} is stored ${n} times`)
  result.streams = streams.size

  for (const [stream, seen] of streams) {
    checkRevisions(stream, seen, problems)
    await compareWithReadStream(store, stream, seen, head, problems)
    if (!stream.startsWith(docStreamPrefix)) continue
    const docId = stream.slice(docStreamPrefix.length)
    const stored = snapshots ? await snapshotsOf(snapshots, docId, problems) : new Map<number, Uint8Array>()
    result.snapshots += stored.size
    const last = seen.at(-1)?.revision ?? -1n
    for (const revision of stored.keys()) {
      if (BigInt(revision) > last) {
        problems.push(`snapshot ${docId}@${revision} is past its stream's last revision (${last})`)
      }
    }
    const rows: StoredDocEvent[] = seen.map((event) => ({
      position: Number(event.position),
      revision: Number(event.revision),
      type: event.type,
      payload: event.payload ? Buffer.from(event.payload) : null,
    }))
    result.documents[docId] = replayDoc(docId, rows, (revision) => stored.get(revision), problems)
  }
}

function keep(event: RecordedEvent): Seen {
  const isDoc = event.streamId.startsWith(docStreamPrefix)
  return {
    id: event.id,
    position: event.position,
    revision: event.revision,
    type: event.type,
    payload: isDoc ? event.payload : null,
  }
}

/** Revisions must run 0, 1, 2, … in the order of the events' positions. */
function checkRevisions(stream: string, seen: readonly Seen[], problems: string[]): void {
  let previous = -1n
  for (const event of seen) {
    if (event.revision === previous + 1n) {
      previous = event.revision
      continue
    }
    if (event.revision > previous + 1n) {
      const missing =
        previous + 2n === event.revision ? `${previous + 1n}` : `${previous + 1n}..${event.revision - 1n}`
      problems.push(`${stream}: gap: revision ${missing} missing before position ${event.position}`)
    } else {
      problems.push(
        `${stream}: revision ${event.revision} at position ${event.position} repeats or goes back`,
      )
    }
    if (event.revision > previous) previous = event.revision
  }
}

/** The stream read on its own must be the same events, in the same order, as it is within the whole log. */
async function compareWithReadStream(
  store: EventStore,
  stream: string,
  seen: readonly Seen[],
  head: bigint,
  problems: string[],
): Promise<void> {
  const own: { id: string; revision: bigint; position: bigint }[] = []
  for await (const event of store.readStream(stream)) {
    if (event.position <= head) own.push(event)
  }
  const describe = (events: readonly { revision: bigint; position: bigint }[]) =>
    events.map((event) => `${event.revision}@${event.position}`).join(' ')
  const same =
    own.length === seen.length &&
    own.every(
      (event, i) =>
        event.id === seen[i]?.id &&
        event.revision === seen[i]?.revision &&
        event.position === seen[i]?.position,
    )
  if (!same) {
    const a = describe(own)
    const b = describe(seen)
    problems.push(`${stream}: readStream gives ${a.slice(0, 200)}; readAll gives ${b.slice(0, 200)}`)
  }
  const last = seen.at(-1)?.revision
  const revision = await store.streamRevision(stream)
  if (last !== undefined && (revision === undefined || revision < last)) {
    problems.push(`${stream}: streamRevision answers ${revision} though revision ${last} is stored`)
  }
}

/** Every snapshot of the document, by revision, walking back from the newest through `latest`. */
async function snapshotsOf(
  snapshots: SnapshotStore,
  docId: string,
  problems: string[],
): Promise<Map<number, Uint8Array>> {
  const found = new Map<number, Uint8Array>()
  let snapshot = await snapshots.latest(docId)
  while (snapshot) {
    const revision = Number(snapshot.revision)
    if (found.has(revision)) {
      problems.push(`snapshot ${docId}@${revision}: latest(${docId}, ${revision - 1}) answers it again`)
      break
    }
    found.set(revision, snapshot.state)
    snapshot = snapshot.revision > 0n ? await snapshots.latest(docId, snapshot.revision - 1n) : undefined
  }
  return found
}
