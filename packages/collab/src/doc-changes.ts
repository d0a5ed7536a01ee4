import * as Y from 'yjs'

/** Where a change happened: a root, then map keys down to the changed type (e.g. `lanes`, `lane-x`, `tasks`). */
export type ChangePath = string[]

function rootNameOf(doc: Y.Doc, root: unknown): string {
  for (const [name, type] of doc.share) if (type === root) return name
  return '?'
}

/** The path of a shared type: its root's name and every map key on the way down. */
type Placed = { _item: Y.Item | null }

function pathOf(doc: Y.Doc, type: Placed): ChangePath {
  const keys: string[] = []
  let current = type
  while (current._item !== null) {
    const item: Y.Item = current._item
    if (item.parentSub !== null) keys.unshift(item.parentSub)
    current = item.parent as Placed
  }
  return [rootNameOf(doc, current), ...keys]
}

/**
 * Applies a stored update to `doc` and answers what it changed, one path per changed place, deepest first
 * where one change contains another. Map entries set or removed count as changes of `path + key`.
 */
export function applyAndDescribe(doc: Y.Doc, update: Uint8Array): ChangePath[] {
  const found = new Map<string, ChangePath>()
  const record = (transaction: Y.Transaction) => {
    for (const [type, keys] of transaction.changed) {
      const path = pathOf(doc, type)
      const mapKeys = [...keys].filter((key): key is string => key !== null)
      const paths = mapKeys.length > 0 ? mapKeys.map((key) => [...path, key]) : [path]
      for (const changed of paths) found.set(changed.join('\u0000'), changed)
    }
  }
  doc.on('afterTransaction', record)
  try {
    Y.applyUpdate(doc, update)
  } finally {
    doc.off('afterTransaction', record)
  }
  const paths = [...found.values()]
  return paths.filter(
    (path) =>
      !paths.some(
        (other) => other.length > path.length && path.every((part, index) => other[index] === part),
      ),
  )
}
