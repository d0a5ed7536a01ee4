/** One stored event of a document, as `GET /api/docs/:docId/history` lists it. */
export interface HistoryEntry {
  revision: number
  type: string
  actorId: string
  actorName: string | null
  /** When the store recorded it (ISO 8601). */
  time: string
  /** Size of the stored Yjs payload in bytes. */
  size: number
  /** How many client updates the event merges (null for events that are not merged updates). */
  updates: number | null
}

export interface HistoryPage {
  docId: string
  /** The revision of the document's newest event. */
  head: number
  entries: HistoryEntry[]
  /** The `from` of the next page, or null at the end. */
  next: number | null
}
