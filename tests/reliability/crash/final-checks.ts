import { getAs, type Session } from '../../support/school.js'
import type { ServerProcess } from '../../support/server-process.js'
import { textProblems, waitFor } from './crash-checks.js'
import type { TypingCrowd } from './typists.js'

export interface Settled {
  /** Each document's text as its clients hold it (the first client's, when they disagree). */
  texts: Map<string, string>
  /** From the call to every client holding one text and the server's stored state agreeing. */
  settledAfterMs: number
}

/**
 * Once typing has stopped: waits until every client of each document is synced and holds the same text,
 * checks that text holds each typed token once and nothing else, then waits until the server's stored state
 * (`/api/docs/:docId/state`, read from the log) holds the same text. Adds what it finds to `problems`.
 */
export async function settleAndCompare(
  crowd: TypingCrowd,
  server: ServerProcess,
  reader: Session,
  docIds: readonly string[],
  timeoutMs: number,
  problems: string[],
): Promise<Settled> {
  const started = performance.now()
  const settled = await waitFor(() => docIds.every((docId) => crowd.settled(docId)), timeoutMs)
  const texts = new Map<string, string>()
  for (const docId of docIds) {
    const typists = crowd.of(docId)
    const clientTexts = typists.map(({ client }) => client.text.toString())
    texts.set(docId, clientTexts[0] ?? '')
    if (settled) {
      problems.push(...textProblems(docId, clientTexts[0] ?? '', typists))
      continue
    }
    const states = typists.map(
      ({ index, client: { provider } }, i) =>
        `c${index}: ${provider.wsconnected ? 'connected' : 'disconnected'}, ` +
        `${provider.synced ? 'synced' : 'not synced'}, ${clientTexts[i]?.length} characters`,
    )
    problems.push(
      `${docId}: clients have not settled ${timeoutMs} ms after typing stopped: ${states.join('; ')}`,
    )
    for (const [i, typist] of typists.entries()) {
      problems.push(...textProblems(`${docId}, client c${typist.index}`, clientTexts[i] ?? '', typists))
    }
  }

  const storedText = async (docId: string) => {
    const path = `/api/docs/${docId}/state`
    const { body } = await getAs<{ content?: { catatan?: unknown } }>(server.httpUrl, path, reader)
    return String(body.content?.catatan ?? '')
  }
  const stored = await waitFor(async () => {
    for (const docId of docIds) if ((await storedText(docId)) !== texts.get(docId)) return false
    return true
  }, timeoutMs)
  const settledAfterMs = Math.round(performance.now() - started)
  if (!stored) {
    for (const docId of docIds) {
      const text = await storedText(docId)
      if (text === texts.get(docId)) continue
      problems.push(
        `${docId}: the server's stored state still differs from the clients' text after ${timeoutMs} ms`,
      )
      problems.push(...textProblems(`${docId}, the server's stored state`, text, crowd.of(docId)))
    }
  }
  return { texts, settledAfterMs }
}
