import type { TimelineChange, TimelineEntry } from '@rembuk/domain'
import { joinWords, laneFieldLabel, partLabel, type Words } from './doc-labels.js'

/** Beyond this many actions a sentence ends with "and N other changes". */
const maxActions = 3

type Action =
  | { kind: 'parts'; parts: Set<string> }
  | { kind: 'lane'; subject: string; fields: Set<string> }
  | { kind: 'text'; text: string }

/** The subject of each lane the entries name, so that a removed lane can still be called by its subject. */
export function subjectsSeen(entries: readonly TimelineEntry[]): Map<string, string> {
  const subjects = new Map<string, string>()
  for (const entry of entries) {
    for (const change of entry.changes) {
      const [root, laneId] = change.path
      if (root === 'lanes' && laneId && change.label) subjects.set(laneId, change.label)
    }
  }
  return subjects
}

/**
 * One event in words a principal understands: "Bu Sari mengubah Asesmen", "Pak Budi mengubah Tugas siswa di
 * Kimia", "Bu Kepala memulihkan isi revisi 12".
 */
export function describeEntry(
  entry: TimelineEntry,
  words: Words,
  knownSubjects: ReadonlyMap<string, string> = new Map(),
): string {
  const actor = entry.actorName ?? entry.actorId
  if (entry.restoredRevision !== undefined) {
    return words.t('replay.restored', { actor, revision: entry.restoredRevision })
  }
  if (entry.revision === 0) return words.t('replay.created', { actor })
  const actions = describeChanges(entry.changes, words, knownSubjects)
  if (actions.length === 0) return words.t('replay.edited', { actor })
  const shown =
    actions.length > maxActions
      ? [
          ...actions.slice(0, maxActions - 1),
          words.t('replay.moreChanges', { count: actions.length - maxActions + 1 }),
        ]
      : actions
  return words.t('replay.sentence', { actor, actions: joinWords(shown, words) })
}

/** What the changes did, one action per part changed, lane or lane event, in the order they first appear. */
export function describeChanges(
  changes: readonly TimelineChange[],
  words: Words,
  knownSubjects: ReadonlyMap<string, string> = new Map(),
): string[] {
  const actions = new Map<string, Action>()
  const add = (key: string, action: Action) => {
    if (!actions.has(key)) actions.set(key, action)
    return actions.get(key) as Action
  }
  for (const change of changes) {
    const [root, laneId, field] = change.path
    if (root !== 'lanes' || !laneId) {
      const parts = add('parts', { kind: 'parts', parts: new Set() })
      if (parts.kind === 'parts') parts.parts.add(partLabel(change.path, words))
      continue
    }
    const named = change.label || knownSubjects.get(laneId)
    const subject = named || words.t('replay.unnamedLane')
    if (field === undefined) {
      const added = change.label !== undefined
      const text = named
        ? words.t(added ? 'replay.laneAdded' : 'replay.laneRemoved', { subject })
        : words.t(added ? 'replay.laneAddedUnnamed' : 'replay.laneRemovedUnnamed')
      add(`text:${text}`, { kind: 'text', text })
    } else if (field === 'position') {
      const text = words.t('replay.laneMoved', { subject })
      add(`text:${text}`, { kind: 'text', text })
    } else if (field === 'subject') {
      const text = words.t('replay.laneRenamed', { subject })
      add(`text:${text}`, { kind: 'text', text })
    } else {
      const lane = add(`lane:${laneId}`, { kind: 'lane', subject, fields: new Set() })
      if (lane.kind === 'lane') lane.fields.add(laneFieldLabel(field, words))
    }
  }
  return [...actions.values()].map((action) => {
    if (action.kind === 'text') return action.text
    if (action.kind === 'parts')
      return words.t('replay.changed', { parts: joinWords([...action.parts], words) })
    return words.t('replay.laneField', {
      fields: joinWords([...action.fields], words),
      subject: action.subject,
    })
  })
}
