import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'

/** Deleted clock ranges of one client, sorted by clock, neither overlapping nor touching. */
type Ranges = [clock: number, length: number][]

/** What an update would add to a stream: a part of it to append, nothing, or not yet (its causes are missing). */
export type StoredPart = { kind: 'new'; update: Uint8Array } | { kind: 'stored' } | { kind: 'waiting' }

/**
 * What a document's stream holds, without a document: the clock its updates reached for each client and the
 * ranges they deleted. From it follows what part of an update the stream still lacks, and whether appending that
 * part would leave the stream waiting for causes it does not hold.
 */
export class StoredState {
  private encodedDeletes: Uint8Array | undefined
  /** Stored updates that start past a client's clock; they count once the clocks reach them. */
  private early: Uint8Array[] = []

  private constructor(
    private readonly clocks: Map<number, number>,
    private readonly deleted: Map<number, Ranges>,
  ) {}

  static empty(): StoredState {
    return new StoredState(new Map(), new Map())
  }

  /** The state of a document built from the stream alone. */
  static of(doc: Y.Doc): StoredState {
    const clocks = Y.decodeStateVector(Y.encodeStateVector(doc))
    const deleted = new Map<number, Ranges>()
    for (const [client, items] of Y.createDeleteSetFromStructStore(doc.store).clients) {
      deleted.set(
        client,
        items.map((item) => [item.clock, item.len]),
      )
    }
    return new StoredState(clocks, deleted)
  }

  get stateVector(): Uint8Array {
    return Y.encodeStateVector(this.clocks)
  }

  /** An update with no structs and every stored deletion: how a sync answer says what is stored. */
  get deleteSetUpdate(): Uint8Array {
    this.encodedDeletes ??= encodeDeletes(this.deleted)
    return this.encodedDeletes
  }

  /** Counts an update the stream now holds. */
  add(update: Uint8Array): void {
    const { structs, ds } = Y.decodeUpdate(update)
    if (!advance(this.clocks, structs)) this.early.push(update)
    else if (this.early.length > 0) this.countEarly()
    for (const [client, items] of ds.clients) {
      for (const item of items) addRange(this.deleted, client, item.clock, item.len)
      if (items.length > 0) this.encodedDeletes = undefined
    }
  }

  /** Plans one append: each update taken into it counts for those taken after it. */
  plan(): AppendPlan {
    return new AppendPlan(new Map(this.clocks), this.deleted)
  }

  private countEarly(): void {
    let counted = true
    while (counted && this.early.length > 0) {
      counted = false
      this.early = this.early.filter((update) => {
        const fits = advance(this.clocks, Y.decodeUpdate(update).structs)
        counted ||= fits
        return !fits
      })
    }
  }
}

/** The updates chosen for one append, on top of what the stream holds. */
export class AppendPlan {
  private readonly taken = new Map<number, Ranges>()

  constructor(
    private readonly clocks: Map<number, number>,
    private readonly deleted: ReadonlyMap<number, Ranges>,
  ) {}

  /**
   * What of `update` the stream (with what this plan took before) lacks, taken into the plan; `stored` when it
   * lacks nothing, `waiting` when appending it would leave the stream waiting for causes it does not hold.
   */
  take(update: Uint8Array): StoredPart {
    const part = this.peek(update)
    if (part.kind === 'new') {
      const { structs, ds } = Y.decodeUpdate(part.update)
      advance(this.clocks, structs)
      for (const [client, items] of ds.clients) {
        for (const item of items) addRange(this.taken, client, item.clock, item.len)
      }
    }
    return part
  }

  /** What `take` would answer, without taking anything. */
  peek(update: Uint8Array): StoredPart {
    const { structs, ds } = Y.decodeUpdate(update)
    const hasNewStructs = structs.some(
      (struct) =>
        !(struct instanceof Y.Skip) && struct.id.clock + struct.length > this.clockOf(struct.id.client),
    )
    const newDeletes = new Map<number, Ranges>()
    for (const [client, items] of ds.clients) {
      for (const item of items) {
        for (const [clock, length] of this.notDeleted(client, item.clock, item.len)) {
          addRange(newDeletes, client, clock, length)
        }
      }
    }
    if (!hasNewStructs && newDeletes.size === 0) return { kind: 'stored' }
    const part = hasNewStructs
      ? Y.diffUpdate(update, Y.encodeStateVector(this.clocks))
      : encodeDeletes(newDeletes)
    return this.admits(part) ? { kind: 'new', update: part } : { kind: 'waiting' }
  }

  private clockOf(client: number): number {
    return this.clocks.get(client) ?? 0
  }

  /** The parts of a deleted range that neither the stream nor this plan has deleted. */
  private notDeleted(client: number, clock: number, length: number): Ranges {
    let rest: Ranges = [[clock, length]]
    for (const ranges of [this.deleted.get(client), this.taken.get(client)]) {
      if (ranges) rest = rest.flatMap(([c, l]) => subtract(ranges, c, l))
    }
    return rest
  }

  /**
   * Whether the stream would integrate `part` at once: each client's structs continue its clock without a gap,
   * and every item's neighbours and parent, and every deleted range, are in the stream or in the part itself.
   */
  private admits(part: Uint8Array): boolean {
    const { structs, ds } = Y.decodeUpdate(part)
    const reach = new Map(this.clocks)
    for (const struct of structs) {
      if (struct instanceof Y.Skip) return false
      const { client, clock } = struct.id
      if (clock > (reach.get(client) ?? 0)) return false
      reach.set(client, Math.max(reach.get(client) ?? 0, clock + struct.length))
    }
    const within = (id: Y.ID | null) => id === null || id.clock < (reach.get(id.client) ?? 0)
    for (const struct of structs) {
      if (!(struct instanceof Y.Item)) continue
      const parent = struct.parent instanceof Y.ID ? struct.parent : null
      if (!within(struct.origin) || !within(struct.rightOrigin) || !within(parent)) return false
    }
    for (const [client, items] of ds.clients) {
      for (const item of items) if (item.clock + item.len > (reach.get(client) ?? 0)) return false
    }
    return true
  }
}

/** Moves each client's clock over its structs; false (and nothing moved) when some start past the clock. */
function advance(clocks: Map<number, number>, structs: readonly (Y.Item | Y.GC | Y.Skip)[]): boolean {
  const reached = new Map<number, number>()
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue
    const { client, clock } = struct.id
    const current = reached.get(client) ?? clocks.get(client) ?? 0
    if (clock > current) return false
    reached.set(client, Math.max(current, clock + struct.length))
  }
  for (const [client, clock] of reached) clocks.set(client, clock)
  return true
}

function addRange(deleted: Map<number, Ranges>, client: number, clock: number, length: number): void {
  if (length <= 0) return
  const ranges = deleted.get(client) ?? []
  let start = clock
  let end = clock + length
  const kept: Ranges = []
  let at = 0
  for (const range of ranges) {
    const [c, l] = range
    if (c + l < start) {
      kept.push(range)
      at = kept.length
    } else if (c > end) kept.push(range)
    else {
      start = Math.min(start, c)
      end = Math.max(end, c + l)
    }
  }
  kept.splice(at, 0, [start, end - start])
  deleted.set(client, kept)
}

/** The parts of [clock, clock + length) outside the sorted `ranges`. */
function subtract(ranges: Ranges, clock: number, length: number): Ranges {
  const rest: Ranges = []
  let next = clock
  const end = clock + length
  for (const [c, l] of ranges) {
    if (c + l <= next) continue
    if (c >= end) break
    if (c > next) rest.push([next, c - next])
    next = Math.max(next, c + l)
    if (next >= end) break
  }
  if (next < end) rest.push([next, end - next])
  return rest
}

/** A Yjs update (format v1) with no structs and these deletions. */
function encodeDeletes(deleted: ReadonlyMap<number, Ranges>): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, 0)
  const clients = [...deleted].filter(([, ranges]) => ranges.length > 0).sort(([a], [b]) => b - a)
  encoding.writeVarUint(encoder, clients.length)
  for (const [client, ranges] of clients) {
    encoding.writeVarUint(encoder, client)
    encoding.writeVarUint(encoder, ranges.length)
    for (const [clock, length] of ranges) {
      encoding.writeVarUint(encoder, clock)
      encoding.writeVarUint(encoder, length)
    }
  }
  return encoding.toUint8Array(encoder)
}
