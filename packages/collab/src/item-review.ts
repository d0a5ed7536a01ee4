import type * as Y from 'yjs'

/** The root of an item's question text: one shared text per item, so items never overwrite each other. */
export const itemRoot = (itemId: string): string => `item-${itemId}`

/** Typed access to an item review's Yjs document: the question text of each item, by the item's id. */
export function itemReviewDoc(doc: Y.Doc) {
  return {
    itemText: (itemId: string): Y.Text => doc.getText(itemRoot(itemId)),
    /** The question texts of these items, by item id. */
    texts(itemIds: readonly string[]): Record<string, string> {
      return Object.fromEntries(itemIds.map((itemId) => [itemId, doc.getText(itemRoot(itemId)).toString()]))
    },
  }
}
