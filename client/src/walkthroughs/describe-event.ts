import type { WalkthroughEventView } from './types.js'

export interface EventWords {
  t: (key: string, params?: Record<string, unknown>) => string
  nameOf: (memberId: string) => string
  planTitle: (planId: string) => string
  /** A lesson time (YYYY-MM-DDTHH:mm) or a day (YYYY-MM-DD) as people write it. */
  when: (value: string) => string
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '')

/**
 * One event of a walkthrough in words: "Pak Agus mencatat (Keterlibatan siswa, menit ke-12): …". Events whose
 * content the member may not see arrive without it and are told without it.
 */
export function describeWalkthroughEvent(event: WalkthroughEventView, words: EventWords): string {
  const actor = event.actorName || event.actorId
  const data = event.data
  const key = (name: string) => `walkthroughs.events.${name}`
  const focus = () => words.t(`walkthroughs.focus.${text(data.focus)}`)
  switch (event.type) {
    case 'WalkthroughProposed':
      return words.t(key(event.type), {
        actor,
        observer: words.nameOf(text(data.observer)),
        observed: words.nameOf(text(data.observed)),
        className: text(data.className),
      })
    case 'WalkthroughTimeProposed':
      return words.t(key(event.type), { actor, when: words.when(text(data.lessonAt)) })
    case 'WalkthroughAgreed':
    case 'WalkthroughCancelled':
    case 'ObservationCompleted':
      return words.t(key(event.type), { actor })
    case 'ObservationNoteRecorded':
      return words.t(key(data.private ? 'ObservationNoteRecordedPrivate' : event.type), {
        actor,
        focus: focus(),
        minute: Number(data.minute),
        text: text(data.text),
      })
    case 'ConversationNoted':
    case 'ReflectionWritten': {
      if (typeof data.text !== 'string') return words.t(key(`${event.type}Hidden`), { actor })
      const question = text(data.question)
      return words.t(key(event.type), { actor, text: question ? `${data.text} — ${question}` : data.text })
    }
    case 'FollowUpCommitted':
      return words.t(key(event.type), { actor, text: text(data.text), day: words.when(text(data.by)) })
    case 'FollowUpCitedInPlan':
      return words.t(key(event.type), { actor, plan: words.planTitle(text(data.planId)) })
    default:
      return words.t(key('other'), { actor, type: event.type })
  }
}
