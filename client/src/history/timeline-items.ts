import type { NamedVersion, TimelineEntry } from '@rembuk/domain'

export type TimelineItem =
  | { kind: 'entry'; entry: TimelineEntry }
  | { kind: 'version'; version: NamedVersion }

/**
 * The entries, oldest first, with each named version as a marker right after the revision it names. Until the
 * list is complete, versions beyond its last entry wait for the page that reaches them.
 */
export function withVersionMarkers(
  entries: readonly TimelineEntry[],
  versions: readonly NamedVersion[],
  complete: boolean,
): TimelineItem[] {
  const last = entries[entries.length - 1]?.revision ?? -1
  const reached = (version: NamedVersion) => complete || version.revision <= last
  const pending = versions.filter(reached).sort((a, b) => a.revision - b.revision)
  const items: TimelineItem[] = []
  for (const entry of entries) {
    while (pending[0] && pending[0].revision < entry.revision) {
      items.push({ kind: 'version', version: pending.shift() as NamedVersion })
    }
    items.push({ kind: 'entry', entry })
    while (pending[0] && pending[0].revision === entry.revision) {
      items.push({ kind: 'version', version: pending.shift() as NamedVersion })
    }
  }
  for (const version of pending) items.push({ kind: 'version', version })
  return items
}

/** What an event changed, to mark it in the document: each root it changed, and each lane by its id. */
export function touchedBy(entry: TimelineEntry | null): Set<string> {
  const touched = new Set<string>()
  for (const { path } of entry?.changes ?? []) {
    const [root, laneId] = path
    if (root) touched.add(root)
    if (root === 'lanes' && laneId) touched.add(laneId)
  }
  return touched
}

export interface Person {
  memberId: string
  name: string
}

/** Everyone who could have changed the document: the school's members and whoever the entries name. */
export function peopleOf(members: readonly Person[], entries: readonly TimelineEntry[]): Person[] {
  const people = new Map(members.map((member) => [member.memberId, member.name]))
  for (const entry of entries) {
    if (!people.has(entry.actorId)) people.set(entry.actorId, entry.actorName ?? entry.actorId)
  }
  return [...people]
    .map(([memberId, name]) => ({ memberId, name }))
    .sort((a, b) => a.name.localeCompare(b.name))
}
