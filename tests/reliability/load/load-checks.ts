import { connectClient } from '../../support/collab-clients.js'
import { getAs, type Session } from '../../support/school.js'
import type { ServerProcess } from '../../support/server-process.js'
import { type LoadCrowd, type LoadErrorKind, type LoadSeat, tokenPattern } from './load-crowd.js'

type Errors = Record<LoadErrorKind, number>

/** Polls `done` until it holds or `timeoutMs` passes; answers whether it held. */
export async function waitFor(done: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await done()) return true
    if (Date.now() >= deadline) return false
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

/** What is wrong with a document's text: typed tokens missing or held twice, and anything else in it. */
export function textProblems(label: string, text: string, typed: readonly string[]): string[] {
  const found = new Map<string, number>()
  for (const [token] of text.matchAll(tokenPattern)) found.set(token, (found.get(token) ?? 0) + 1)
  const missing = typed.filter((token) => !found.has(token))
  const repeated = [...found].filter(([, count]) => count > 1).map(([token]) => token)
  const typedSet = new Set(typed)
  const strangers = [...found.keys()].filter((token) => !typedSet.has(token))
  const leftover = text.replace(tokenPattern, '')
  const some = (list: string[]) => `${list.slice(0, 8).join(' ')}${list.length > 8 ? ' …' : ''}`
  return [
    missing.length > 0
      ? `${label}: ${missing.length} of ${typed.length} typed tokens missing: ${some(missing)}`
      : '',
    repeated.length > 0 ? `${label}: tokens held more than once: ${some(repeated)}` : '',
    strangers.length > 0 ? `${label}: tokens nobody typed: ${some(strangers)}` : '',
    leftover.length > 0
      ? `${label}: ${leftover.length} characters outside tokens: ${leftover.slice(0, 60)}`
      : '',
  ].filter(Boolean)
}

/**
 * Once typing has stopped: waits until every client of each document holds every token typed into it, then
 * compares their texts. Answers each document's text (its first client's).
 */
export async function settleClients(
  crowd: LoadCrowd,
  docIds: readonly string[],
  timeoutMs: number,
  errors: Errors,
  problems: string[],
): Promise<string[]> {
  const indexes = docIds.map((_, index) => index)
  const settled = await waitFor(() => indexes.every((index) => crowd.caughtUp(index)), timeoutMs)
  const { expected, delivered } = crowd.deliveries()
  errors.undeliveredTokens = crowd.undeliveredTokens()
  if (errors.undeliveredTokens > 0) {
    problems.push(
      `${errors.undeliveredTokens} tokens did not reach every other client of their document: ` +
        `${expected - delivered} of ${expected} deliveries missing ${timeoutMs} ms after typing stopped`,
    )
  }
  return docIds.map((docId, index) => {
    const texts = crowd.of(index).map(({ client }) => client.text.toString())
    const text = texts[0] ?? ''
    const found = textProblems(docId, text, crowd.tokensOf(index))
    const differing = texts.filter((other) => other !== text).length
    if (differing > 0) found.push(`${docId}: ${differing} of ${texts.length} clients hold another text`)
    if (!settled && !crowd.caughtUp(index))
      found.push(`${docId}: clients not caught up after ${timeoutMs} ms`)
    if (found.length > 0) errors.documentsNotConverged += 1
    problems.push(...found)
    return text
  })
}

export async function storedText(server: ServerProcess, reader: Session, docId: string): Promise<string> {
  const { status, body } = await getAs<{ content?: { catatan?: unknown } }>(
    server.httpUrl,
    `/api/docs/${docId}/state`,
    reader,
  )
  if (status !== 200) throw new Error(`GET /api/docs/${docId}/state answered ${status}`)
  return String(body.content?.catatan ?? '')
}

/** Waits until the server's stored state of each document (read from the log) holds the clients' text. */
export async function compareStored(
  server: ServerProcess,
  reader: Session,
  docIds: readonly string[],
  texts: readonly string[],
  timeoutMs: number,
  errors: Errors,
  problems: string[],
): Promise<void> {
  const stored = new Map<string, string>()
  await waitFor(async () => {
    for (const [index, docId] of docIds.entries()) {
      if (stored.get(docId) !== texts[index]) stored.set(docId, await storedText(server, reader, docId))
    }
    return docIds.every((docId, index) => stored.get(docId) === texts[index])
  }, timeoutMs)
  for (const [index, docId] of docIds.entries()) {
    const text = stored.get(docId) ?? ''
    if (text === texts[index]) continue
    errors.storedStateMismatches += 1
    problems.push(
      `${docId}: the stored state (${text.length} characters) differs from the clients' text ` +
        `(${texts[index]?.length} characters) ${timeoutMs} ms after typing stopped`,
    )
  }
}

export async function openDocuments(server: ServerProcess): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    try {
      const response = await fetch(`${server.httpUrl}/health`)
      return ((await response.json()) as { documents: { open: number } }).documents.open
    } catch (error) {
      // A kept-alive connection that the server closed as it was being reused fails once; the retry is fresh.
      if (attempt === 2) throw new Error(`GET /health failed: ${String((error as Error).cause ?? error)}`)
    }
  }
}

export interface UnloadOutcome {
  /** From the last client leaving to `/health` showing no open document; undefined when that never came. */
  unloadedAfterMs: number | undefined
  /** Documents whose fresh client received the text the others had held. */
  reloadedIntact: number
  documents: number
  /** Whether the documents unloaded again once the fresh clients had left too. */
  unloadedAgain: boolean
}

/**
 * With every client gone: waits until the server has unloaded every document, then opens each again with
 * one fresh client (as a member of its team), checks that it receives the same text, and waits for the
 * documents to unload again once those clients have left.
 */
export async function unloadAndReload(
  server: ServerProcess,
  seats: readonly LoadSeat[],
  texts: readonly string[],
  timeoutMs: number,
  errors: Errors,
  problems: string[],
): Promise<UnloadOutcome> {
  const leftAt = performance.now()
  const unloaded = await waitFor(async () => (await openDocuments(server)) === 0, timeoutMs)
  const unloadedAfterMs = unloaded ? Math.round(performance.now() - leftAt) : undefined
  if (!unloaded) {
    errors.documentsNotUnloaded = await openDocuments(server)
    problems.push(
      `${errors.documentsNotUnloaded} documents still open ${timeoutMs} ms after every client left`,
    )
  }
  let reloadedIntact = 0
  for (const [index, text] of texts.entries()) {
    const seat = seats.find((s) => s.docIndex === index) as LoadSeat
    const fresh = connectClient(server.collabUrl, seat.docId, seat.token)
    try {
      await fresh.synced(timeoutMs)
      const received = fresh.text.toString()
      if (received === text) reloadedIntact += 1
      else {
        errors.reloadMismatches += 1
        problems.push(
          `${seat.docId}: reopened after unloading, it holds ${received.length} characters ` +
            `instead of the ${text.length} the clients held`,
        )
      }
    } catch (error) {
      errors.reloadMismatches += 1
      problems.push(`${seat.docId}: reopening after unloading failed: ${String(error)}`)
    } finally {
      fresh.destroy()
    }
  }
  const unloadedAgain = await waitFor(async () => (await openDocuments(server)) === 0, timeoutMs)
  if (!unloadedAgain) {
    errors.documentsNotUnloaded += await openDocuments(server)
    problems.push(
      `documents reopened for the reload check still open ${timeoutMs} ms after their client left`,
    )
  }
  return { unloadedAfterMs, reloadedIntact, documents: texts.length, unloadedAgain }
}
