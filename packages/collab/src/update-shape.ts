import * as Y from 'yjs'
import { kindOfContent, kindOfRoot, type RootKind } from './doc-json.js'

type Struct = Y.Item | Y.GC | Y.Skip
/** Where an item goes: a root by name, and whether as a keyed entry (a map) or in a list; null: nested. */
type Placement = { root: string; keyed: boolean } | null

/**
 * Whether applying these decoded structs would put content of another kind into a root of the document than
 * the root holds (a list item into a map, text into an XML fragment, …): every reader of the document would
 * then meet content it cannot read. Answers what is wrong, or undefined. Items going into nested types are
 * not judged here; readers of nested content skip what they do not understand.
 */
export function rootKindConflict(doc: Y.Doc, structs: readonly Struct[]): string | undefined {
  const incoming = new Map<number, Y.Item[]>()
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue
    const items = incoming.get(struct.id.client)
    if (items) items.push(struct)
    else incoming.set(struct.id.client, [struct])
  }
  const placements = new Map<Y.Item, Placement | undefined>()
  const kinds = new Map<string, RootKind>()
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue
    const placement = placementOf(doc, incoming, placements, struct)
    if (!placement) continue
    const kind = placement.keyed ? 'map' : kindOfContent(struct.content)
    if (!kind) continue
    const existing = doc.share.get(placement.root)
    const expected =
      kinds.get(placement.root) ?? (existing ? kindOfRoot(existing as Y.AbstractType<unknown>) : 'empty')
    if (expected !== 'empty' && expected !== kind) {
      return `the update puts ${kind} content into "${placement.root}", which holds ${expected}`
    }
    kinds.set(placement.root, kind)
  }
  return undefined
}

/** Follows an item's neighbours (in the update or the document) until one says which parent they share. */
function placementOf(
  doc: Y.Doc,
  incoming: Map<number, Y.Item[]>,
  known: Map<Y.Item, Placement | undefined>,
  start: Y.Item,
): Placement | undefined {
  const chain: Y.Item[] = []
  let item: Y.Item | undefined = start
  let found: Placement | undefined
  while (item && !known.has(item)) {
    chain.push(item)
    const own = explicitPlacement(item)
    if (own !== undefined) {
      found = own
      item = undefined
      break
    }
    const neighbour: Y.ID | null = item.origin ?? item.rightOrigin
    item = neighbour ? findItem(doc, incoming, neighbour) : undefined
  }
  if (item) found = known.get(item)
  for (const link of chain) known.set(link, found)
  return found
}

function explicitPlacement(item: Y.Item): Placement | undefined {
  const keyed = item.parentSub !== null
  const parent: unknown = item.parent
  if (typeof parent === 'string') return { root: parent, keyed }
  if (parent instanceof Y.ID) return null
  if (parent instanceof Y.AbstractType)
    return parent._item === null ? { root: Y.findRootTypeKey(parent), keyed } : null
  return undefined
}

function findItem(doc: Y.Doc, incoming: Map<number, Y.Item[]>, id: Y.ID): Y.Item | undefined {
  if (id.clock < Y.getState(doc.store, id.client)) {
    const struct = Y.getItem(doc.store, id)
    return struct instanceof Y.Item ? struct : undefined
  }
  const items = incoming.get(id.client) ?? []
  let low = 0
  let high = items.length - 1
  while (low <= high) {
    const middle = (low + high) >> 1
    const candidate = items[middle] as Y.Item
    if (id.clock < candidate.id.clock) high = middle - 1
    else if (id.clock >= candidate.id.clock + candidate.length) low = middle + 1
    else return candidate
  }
  return undefined
}
