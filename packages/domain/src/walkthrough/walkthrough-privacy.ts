import type { ConversationEntry, ObservationNote, Walkthrough, WalkthroughReflection } from './walkthrough.js'

/** How a member stands to a walkthrough: its observer, the observed teacher, or anyone else of the school. */
export type WalkthroughRelation = 'observer' | 'observed' | 'other'

/** A walkthrough as one member may see it. */
export interface WalkthroughView extends Omit<Walkthrough, 'notes' | 'conversation' | 'reflections'> {
  relation: WalkthroughRelation
  notes: readonly ObservationNote[]
  conversation: readonly ConversationEntry[]
  reflections: readonly WalkthroughReflection[]
  /** Who has reflected: the progress everyone may see. */
  reflectedBy: readonly string[]
}

export function relationTo(walkthrough: Walkthrough, memberId: string): WalkthroughRelation {
  if (memberId === walkthrough.observer) return 'observer'
  return memberId === walkthrough.observed ? 'observed' : 'other'
}

/**
 * The observer's private notes reach the observer alone; the notes, the conversation and the reflections
 * stay with the pair; everyone else (the principal and the hub among them) sees the progress, the focuses,
 * the commitment and the follow-up.
 */
export function walkthroughFor(walkthrough: Walkthrough, memberId: string): WalkthroughView {
  const relation = relationTo(walkthrough, memberId)
  const reflectedBy = walkthrough.reflections.map((reflection) => reflection.memberId)
  if (relation === 'observer') return { ...walkthrough, relation, reflectedBy }
  if (relation === 'observed')
    return { ...walkthrough, relation, reflectedBy, notes: walkthrough.notes.filter((note) => !note.private) }
  return {
    ...walkthrough,
    relation,
    reflectedBy,
    notes: [],
    conversation: [],
    reflections: [],
    cancellation: walkthrough.cancellation && { memberId: walkthrough.cancellation.memberId, reason: '' },
  }
}

/** What each event of a walkthrough's history shows to one member, by the same rules as walkthroughFor. */
export function walkthroughEventsFor<E extends { type: string; data: unknown }>(
  walkthrough: Walkthrough,
  memberId: string,
  events: readonly E[],
): E[] {
  const relation = relationTo(walkthrough, memberId)
  if (relation === 'observer') return [...events]
  const isPrivateNote = (event: E) =>
    event.type === 'ObservationNoteRecorded' && (event.data as { private?: unknown }).private !== false
  if (relation === 'observed') return events.filter((event) => !isPrivateNote(event))
  const withoutContent: Record<string, (data: Record<string, unknown>) => Record<string, unknown>> = {
    ConversationNoted: ({ noteId, memberId: by }) => ({ noteId, memberId: by }),
    ReflectionWritten: ({ memberId: by }) => ({ memberId: by }),
    WalkthroughCancelled: ({ memberId: by }) => ({ memberId: by }),
  }
  return events
    .filter((event) => event.type !== 'ObservationNoteRecorded')
    .map((event) => {
      const strip = withoutContent[event.type]
      return strip ? { ...event, data: strip(event.data as Record<string, unknown>) } : event
    })
}
