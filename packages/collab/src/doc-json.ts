import * as Y from 'yjs'

export type RootKind = 'text' | 'xml' | 'array' | 'map' | 'empty'

export interface DocJson {
  /** The kind of each root type, inferred from its content where no schema has named it yet. */
  kinds: Record<string, RootKind>
  content: Record<string, unknown>
}

const rootConstructors = {
  text: Y.Text,
  xml: Y.XmlFragment,
  array: Y.Array,
  map: Y.Map,
} as const

/**
 * Every root type of the document as JSON, including roots that no code has asked for by type yet (after an
 * update is applied to a fresh document they exist only as untyped roots, which Yjs cannot turn into JSON).
 */
export function docToJson(doc: Y.Doc): DocJson {
  const kinds: Record<string, RootKind> = {}
  const content: Record<string, unknown> = {}
  for (const name of [...doc.share.keys()].sort()) {
    const kind = kindOfRoot(doc.share.get(name) as Y.AbstractType<unknown>)
    kinds[name] = kind
    const root = kind === 'empty' ? null : doc.get(name, rootConstructors[kind])
    content[name] = root instanceof Y.XmlFragment ? xmlString(root) : (root?.toJSON() ?? null)
  }
  return { kinds, content }
}

export function kindOfRoot(type: Y.AbstractType<unknown>): RootKind {
  if (type instanceof Y.XmlFragment) return 'xml'
  if (type instanceof Y.Text) return 'text'
  if (type instanceof Y.Array) return 'array'
  if (type instanceof Y.Map) return 'map'
  for (let item = type._start; item !== null; item = item.right) {
    const kind = kindOfContent(item.content)
    if (kind) return kind
  }
  return type._map.size > 0 ? 'map' : 'empty'
}

export function kindOfContent(content: Y.Item['content']): RootKind | undefined {
  if (
    content instanceof Y.ContentString ||
    content instanceof Y.ContentFormat ||
    content instanceof Y.ContentEmbed
  ) {
    return 'text'
  }
  if (content instanceof Y.ContentType) {
    const child = content.type
    return child instanceof Y.XmlElement || child instanceof Y.XmlText || child instanceof Y.XmlHook
      ? 'xml'
      : 'array'
  }
  if (content instanceof Y.ContentDeleted) return undefined
  return 'array'
}

/**
 * What `toJSON` gives for XML, except that content which is not XML (an update can put any content anywhere)
 * is left out instead of breaking the whole document's JSON.
 */
function xmlString(node: unknown): string {
  if (node instanceof Y.XmlText) return node.toString()
  if (node instanceof Y.XmlElement) {
    const attributes = Object.entries(node.getAttributes())
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, value]) => ` ${key}="${String(value)}"`)
      .join('')
    const name = node.nodeName.toLocaleLowerCase()
    return `<${name}${attributes}>${node.toArray().map(xmlString).join('')}</${name}>`
  }
  if (node instanceof Y.XmlFragment) return node.toArray().map(xmlString).join('')
  return ''
}
