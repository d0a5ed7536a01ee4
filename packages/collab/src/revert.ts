import * as Y from 'yjs'
import { docToJson } from './doc-json.js'

type Shared = Y.AbstractType<unknown>

const cloneValue = (value: unknown): unknown =>
  value instanceof Y.AbstractType ? (value as Shared & { clone(): Shared }).clone() : value

function revertText(target: Y.Text, old: Y.Text): void {
  const before = target.toString()
  const after = old.toString()
  if (before === after) return
  let start = 0
  while (start < before.length && start < after.length && before[start] === after[start]) start++
  let end = 0
  while (
    end < before.length - start &&
    end < after.length - start &&
    before[before.length - 1 - end] === after[after.length - 1 - end]
  ) {
    end++
  }
  target.delete(start, before.length - start - end)
  target.insert(start, after.slice(start, after.length - end))
}

function replaceChildren(
  target: Y.Array<unknown> | Y.XmlFragment,
  old: Y.Array<unknown> | Y.XmlFragment,
): void {
  const contentOf = (type: Y.Array<unknown> | Y.XmlFragment) =>
    type instanceof Y.XmlFragment ? type.toString() : JSON.stringify(type.toJSON())
  if (contentOf(target) === contentOf(old)) return
  if (target.length > 0) target.delete(0, target.length)
  const children = old.toArray().map(cloneValue)
  if (target instanceof Y.XmlFragment) target.insert(0, children as (Y.XmlElement | Y.XmlText)[])
  else target.insert(0, children)
}

function revertMap(target: Y.Map<unknown>, old: Y.Map<unknown>): void {
  for (const key of [...target.keys()]) if (!old.has(key)) target.delete(key)
  for (const [key, value] of old.entries()) {
    const current = target.get(key)
    if (value instanceof Y.Map && current instanceof Y.Map) revertMap(current, value)
    else if (value instanceof Y.Text && current instanceof Y.Text) revertText(current, value)
    else if (value instanceof Y.AbstractType) target.set(key, cloneValue(value))
    else if (JSON.stringify(value) !== JSON.stringify(current)) target.set(key, value)
  }
}

/**
 * Changes `target` so that its content equals `old`'s, as new edits: what was added since goes, what was
 * deleted comes back, and shared types that exist in both are kept (a lane stays the same lane). History is
 * never rewritten: the result is one more update on top of the current state.
 */
export function revertTo(target: Y.Doc, old: Y.Doc): void {
  const oldKinds = docToJson(old).kinds
  const targetKinds = docToJson(target).kinds
  target.transact(() => {
    for (const name of new Set([...Object.keys(oldKinds), ...Object.keys(targetKinds)])) {
      const kind =
        oldKinds[name] === undefined || oldKinds[name] === 'empty' ? targetKinds[name] : oldKinds[name]
      if (kind === 'xml') replaceChildren(target.getXmlFragment(name), old.getXmlFragment(name))
      else if (kind === 'text') revertText(target.getText(name), old.getText(name))
      else if (kind === 'array') replaceChildren(target.getArray(name), old.getArray(name))
      else if (kind === 'map') revertMap(target.getMap(name), old.getMap(name))
    }
  })
}
