import type { DecisionEventView } from './types.js'
import type { Words } from './words.js'

export interface EventContext {
  /** The text of an option, by its id. */
  optionText: (optionId: string) => string | undefined
  /** The title of the plan or map a document belongs to. */
  docTitle: (docId: string) => string
  /** A calendar day (YYYY-MM-DD) as people write it. */
  day: (date: string) => string
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '')

/**
 * One event of a decision in words: "Pak Budi mengambil sikap: tidak setuju, karena jadwalnya padat",
 * "Bu Kartini mencatat hasil: diterima (Dua hari), karena …".
 */
export function describeEvent(event: DecisionEventView, words: Words, context: EventContext): string {
  const actor = event.actorName || event.actorId
  const data = event.data
  const key = (name: string) => `decisions.events.${name}`
  switch (event.type) {
    case 'ProposalRaised':
      return words.t(key('raised'), { actor, title: text(data.title) })
    case 'OptionAdded':
      return words.t(key('option'), { actor, text: text(data.text) })
    case 'CommentAdded':
      return words.t(key('comment'), { actor, text: text(data.text) })
    case 'PositionTaken': {
      const position = words.t(`decisions.position.${text(data.position)}`)
      const reason = text(data.reason).trim()
      return reason
        ? words.t(key('positionBecause'), { actor, position, reason })
        : words.t(key('position'), { actor, position })
    }
    case 'MediationNoted':
      return words.t(key('mediation'), { actor, text: text(data.text) })
    case 'OutcomeRecorded': {
      const outcome = words.t(`decisions.outcomes.${text(data.outcome)}`)
      const option = context.optionText(text(data.optionId))
      const sentence = option
        ? words.t(key('outcomeOption'), { actor, outcome, option, rationale: text(data.rationale) })
        : words.t(key('outcome'), { actor, outcome, rationale: text(data.rationale) })
      return data.reviewDate
        ? `${sentence} ${words.t(key('review'), { date: context.day(text(data.reviewDate)) })}`
        : sentence
    }
    case 'DecisionRevisited':
      return words.t(key('revisit'), { actor, reason: text(data.reason) })
    case 'ChangeLinked': {
      const params = { actor, doc: context.docTitle(text(data.docId)), revision: Number(data.revision) }
      const note = text(data.note).trim()
      return note ? words.t(key('changeNote'), { ...params, note }) : words.t(key('change'), params)
    }
    default:
      return words.t(key('other'), { actor, type: event.type })
  }
}
