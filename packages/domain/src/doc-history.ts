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

/** A place an event changed: the root, then map keys (`['assessment']`, `['lanes', laneId, 'tasks']`). */
export interface TimelineChange {
  path: string[]
  /** What the path names for people where the document knows it (a lane's subject). */
  label?: string
}

/** One event of a document with what it changed, as `GET /api/docs/:docId/timeline` lists it. */
export interface TimelineEntry extends HistoryEntry {
  changes: TimelineChange[]
  /** For a restore: the revision whose content it brought back. */
  restoredRevision?: number
}

export interface TimelinePage {
  docId: string
  head: number
  entries: TimelineEntry[]
  /** Where to continue reading, or null at the end. */
  next: number | null
}

/** A revision someone gave a name to ("after the March meeting"). */
export interface NamedVersion {
  revision: number
  name: string
  by: { memberId: string; name: string | null }
  at: string
}
