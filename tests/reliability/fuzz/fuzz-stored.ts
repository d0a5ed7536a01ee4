import * as Y from 'yjs'
import { getAs, type Session } from '../../support/school.js'
import { waitFor } from '../crash/crash-checks.js'
import { checkLogIntegrity } from '../log/log-integrity.js'
import { readOnlyRoot } from './fuzz-frames.js'

interface StatePage {
  kinds?: Record<string, string>
  content?: Record<string, unknown>
}

/**
 * What the server stored of the target document: its state as the API serves it must come to hold the
 * bystanders' text, the log must be sound and replay to that text, and nothing a read-only member sent may
 * be anywhere in it. `served` is the document's state as the server sends it to a client.
 */
export async function storedProblems(
  httpUrl: string,
  dbFile: string,
  docId: string,
  reader: Session,
  text: string,
  served: Uint8Array,
  timeoutMs: number,
): Promise<string[]> {
  const unsafe = beyondSafeClocks(served)
  const problems: string[] = []
  if (unsafe.length > 0) {
    const some = unsafe.slice(0, 3).join('; ')
    problems.push(
      `the server holds ${unsafe.length} clock ranges past 2^53, where clocks lose precision: ${some}`,
    )
  }
  const path = `/api/docs/${docId}/state`
  let last: { status: number; body: StatePage } | undefined
  await waitFor(async () => {
    last = await getAs<StatePage>(httpUrl, path, reader).catch((error: Error) => ({
      status: 0,
      body: { content: { error: error.message } },
    }))
    return last.status >= 500 || (last.status === 200 && (last.body.content?.catatan ?? '') === text)
  }, timeoutMs)
  const agrees = last?.status === 200 && (last.body.content?.catatan ?? '') === text
  if (!agrees && last?.status !== 200) {
    problems.push(`GET ${path} answered ${last?.status}: ${JSON.stringify(last?.body).slice(0, 300)}`)
  } else if (!agrees) {
    const stored = last?.body.content?.catatan
    problems.push(
      `the stored state's catatan (kind ${last?.body.kinds?.catatan}: ${JSON.stringify(stored)?.slice(0, 120)}) ` +
        `is not the bystanders' text (${text.length} characters)`,
    )
  }
  if (last?.body.kinds && readOnlyRoot in last.body.kinds) {
    problems.push(`the stored state holds ${readOnlyRoot}, written only by a member who may only read`)
  }

  let log = checkLogIntegrity(dbFile)
  await waitFor(() => {
    log = checkLogIntegrity(dbFile)
    const replayed = log.documents[docId]
    return !replayed || (replayed.content.catatan ?? '') === text
  }, timeoutMs)
  problems.push(...log.problems.map((problem) => `log: ${problem}`))
  const replayed = log.documents[docId]
  if (!replayed && log.ok) problems.push(`the log holds no document ${docId}`)
  else if (replayed && (replayed.content.catatan ?? '') !== text) {
    problems.push(`the log replays ${docId} to other catatan than the bystanders hold`)
  }
  if (replayed && readOnlyRoot in replayed.content) {
    problems.push(`the log holds ${readOnlyRoot}, written only by a member who may only read`)
  }
  const polluted = ['polluted', 'docId'].filter((key) => (Object.prototype as Record<string, unknown>)[key])
  if (polluted.length > 0) problems.push(`Object.prototype gained ${polluted.join(', ')} in this process`)
  return problems
}

/** Structs and deletions whose clock ranges end past Number.MAX_SAFE_INTEGER. */
function beyondSafeClocks(state: Uint8Array): string[] {
  const { structs, ds } = Y.decodeUpdate(state)
  const ranges = structs
    .filter((struct) => struct.id.clock + struct.length > Number.MAX_SAFE_INTEGER)
    .map(
      (struct) =>
        `a struct of client ${struct.id.client} at clock ${struct.id.clock}, length ${struct.length}`,
    )
  for (const [client, deletions] of ds.clients) {
    for (const { clock, len } of deletions)
      if (clock + len > Number.MAX_SAFE_INTEGER)
        ranges.push(`a deletion of client ${client} at ${clock}, length ${len}`)
  }
  return ranges
}
