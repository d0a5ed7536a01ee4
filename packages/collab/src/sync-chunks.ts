import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'

type Struct = Y.Item | Y.GC

interface Run {
  client: number
  clock: number
  count: number
  parts: Uint8Array[]
}

/** One client's structs missing at the receiver, each already encoded, and how far they have been sent. */
interface ClientCursor {
  client: number
  structs: Struct[]
  encoded: { clock: number; bytes: Uint8Array }[]
  next: number
}

/**
 * `Y.encodeStateAsUpdate(doc, targetStateVector)` as V1 updates of at most `maxChunkBytes` each (a struct
 * larger than that travels alone), for a receiver at `targetStateVector` to apply in order. Structs go out in
 * an order in which everything each one refers to (its neighbours at insertion, its parent) arrived before it
 * or with it, so the receiver integrates every chunk at once instead of holding structs as pending and
 * re-reading them with each later chunk. The delete set and any pending updates come last. A diff of at most
 * `splitAboveBytes` is returned whole.
 */
export function updateChunks(
  doc: Y.Doc,
  targetStateVector: Uint8Array,
  maxChunkBytes: number,
  splitAboveBytes = maxChunkBytes,
): Uint8Array[] {
  const full = Y.encodeStateAsUpdate(doc, targetStateVector)
  if (full.byteLength <= Math.max(maxChunkBytes, splitAboveBytes)) return [full]
  const target = Y.decodeStateVector(targetStateVector)
  const sent = new Map<number, number>()
  const cursors: ClientCursor[] = []
  for (const [client, structs] of [...doc.store.clients.entries()].sort(([a], [b]) => b - a)) {
    const from = target.get(client) ?? 0
    sent.set(client, from)
    if (from < Y.getState(doc.store, client)) cursors.push(encodeFrom(client, structs, from))
  }
  const packer = new ChunkPacker(maxChunkBytes)
  let waiting = cursors
  while (waiting.length > 0) {
    let progressed = false
    for (const cursor of waiting) {
      for (;;) {
        const struct = cursor.structs[cursor.next]
        const encoded = cursor.encoded[cursor.next]
        if (!struct || !encoded || !dependenciesSent(struct, sent)) break
        packer.add(cursor.client, encoded.clock, encoded.bytes)
        sent.set(cursor.client, struct.id.clock + struct.length)
        cursor.next++
        progressed = true
      }
    }
    waiting = waiting.filter((cursor) => cursor.next < cursor.structs.length)
    if (!progressed) return [full]
  }
  return [...packer.finish(), Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc))]
}

function encodeFrom(client: number, all: Struct[], from: number): ClientCursor {
  const structs = all.slice(Y.findIndexSS(all, from))
  const encoder = new Y.UpdateEncoderV1()
  const ends: { clock: number; end: number }[] = []
  for (const struct of structs) {
    const offset = Math.max(0, from - struct.id.clock)
    struct.write(encoder, offset)
    ends.push({ clock: struct.id.clock + offset, end: encoding.length(encoder.restEncoder) })
  }
  const bytes = encoder.toUint8Array()
  let start = 0
  const encoded = ends.map(({ clock, end }) => {
    const part = { clock, bytes: bytes.subarray(start, end) }
    start = end
    return part
  })
  return { client, structs, encoded, next: 0 }
}

/** Whether the structs this one refers to are at the receiver or already packed (`sent`: clock reached per client). */
function dependenciesSent(struct: Struct, sent: Map<number, number>): boolean {
  if (!(struct instanceof Y.Item)) return true
  const parent = struct.parent instanceof Y.AbstractType ? struct.parent._item?.id : struct.parent
  for (const id of [struct.origin, struct.rightOrigin, parent]) {
    if (id && id.clock >= (sent.get(id.client) ?? 0)) return false
  }
  return true
}

/**
 * Groups encoded structs into updates: per client one run of consecutive structs (the format allows no more),
 * then an empty delete set.
 */
class ChunkPacker {
  private readonly chunks: Uint8Array[] = []
  private runs: Run[] = []
  private readonly runOf = new Map<number, Run>()
  private runBytes = 0

  constructor(private readonly maxChunkBytes: number) {}

  add(client: number, clock: number, struct: Uint8Array): void {
    const run = this.runOf.get(client)
    const header = run
      ? varUintSize(run.count + 1) - varUintSize(run.count)
      : varUintSize(1) + varUintSize(client) + varUintSize(clock)
    const runBytes = this.runBytes + header + struct.byteLength
    const runCount = this.runs.length + (run ? 0 : 1)
    if (this.runs.length > 0 && varUintSize(runCount) + runBytes + 1 > this.maxChunkBytes) {
      this.flush()
      this.add(client, clock, struct)
      return
    }
    this.runBytes = runBytes
    if (run) {
      run.count++
      run.parts.push(struct)
    } else {
      const started = { client, clock, count: 1, parts: [struct] }
      this.runs.push(started)
      this.runOf.set(client, started)
    }
  }

  finish(): Uint8Array[] {
    if (this.runs.length > 0) this.flush()
    return this.chunks
  }

  private flush(): void {
    const encoder = encoding.createEncoder()
    encoding.writeVarUint(encoder, this.runs.length)
    for (const run of this.runs) {
      encoding.writeVarUint(encoder, run.count)
      encoding.writeVarUint(encoder, run.client)
      encoding.writeVarUint(encoder, run.clock)
      for (const part of run.parts) encoding.writeUint8Array(encoder, part)
    }
    encoding.writeVarUint(encoder, 0)
    this.chunks.push(encoding.toUint8Array(encoder))
    this.runs = []
    this.runOf.clear()
    this.runBytes = 0
  }
}

function varUintSize(n: number): number {
  let size = 1
  for (let rest = n; rest > 0x7f; rest = Math.floor(rest / 0x80)) size++
  return size
}
