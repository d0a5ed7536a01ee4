import { connectClient } from '../support/collab-clients.js'
import type { Session } from '../support/school.js'
import { type ServerProcess, startServerProcess } from '../support/server-process.js'
import { type Distribution, distribution, timed } from './measure.js'

export interface LoadResults {
  /** Connect-to-synced of a y-websocket client, the first document the fresh server process loads. */
  firstSyncAfterStartMs: number
  /** Connect-to-synced when the document is not in memory (it was unloaded after its last client left). */
  coldSyncMs: Distribution
  /** The server's own time to load the document from the store in those cold syncs (its `loaded` log line). */
  serverLoadMs: Distribution
  /** GET /api/docs/:id/state (latest revision): snapshot + tail, read from the store each time. */
  stateLatestMs: Distribution
  /** GET /api/docs/:id/state?revision=N at random N. */
  timeTravelMs: Distribution
}

async function fetchState(
  server: ServerProcess,
  session: Session,
  docId: string,
  revision?: number,
): Promise<number> {
  const query = revision === undefined ? '' : `?revision=${revision}`
  const { ms, result } = await timed(async () => {
    const response = await fetch(`${server.httpUrl}/api/docs/${docId}/state${query}`, {
      headers: { authorization: `Bearer ${session.token}` },
    })
    await response.json()
    return response.status
  })
  if (result !== 200) throw new Error(`state${query} answered ${result}`)
  return ms
}

async function openDocuments(server: ServerProcess): Promise<number> {
  const health = (await (await fetch(`${server.httpUrl}/health`)).json()) as { documents: { open: number } }
  return health.documents.open
}

/** Opens the document with a fresh client, waits for the first sync, leaves, and waits until it is unloaded. */
async function syncOnce(server: ServerProcess, session: Session, docId: string): Promise<number> {
  const { ms } = await timed(async () => {
    const client = connectClient(server.collabUrl, docId, session.token)
    await client.synced()
    const length = client.text.length
    client.destroy()
    if (length === 0) throw new Error('the document loaded empty')
  })
  while ((await openDocuments(server)) > 0) await new Promise((resolve) => setTimeout(resolve, 20))
  return ms
}

export async function measureDocLoad(
  dataDir: string,
  principal: Session,
  docId: string,
  revisions: number,
  env: Record<string, string>,
  rounds = { cold: 10, latest: 5, timeTravel: 100 },
): Promise<LoadResults> {
  const server = await startServerProcess(dataDir, { ...env, LOG_LEVEL: 'debug' })
  const loadTimes = () => server.logs.filter((l) => l.msg === 'loaded').map((l) => Number(l.ms))
  try {
    const firstSyncAfterStartMs = await syncOnce(server, principal, docId)
    const cold: number[] = []
    for (let i = 0; i < rounds.cold; i++) cold.push(await syncOnce(server, principal, docId))
    const serverLoads = loadTimes().slice(1)
    const latest: number[] = []
    for (let i = 0; i < rounds.latest; i++) latest.push(await fetchState(server, principal, docId))
    const travel: number[] = []
    for (let i = 0; i < rounds.timeTravel; i++) {
      travel.push(await fetchState(server, principal, docId, Math.floor(Math.random() * revisions)))
    }
    return {
      firstSyncAfterStartMs: Math.round(firstSyncAfterStartMs * 100) / 100,
      coldSyncMs: distribution(cold),
      serverLoadMs: distribution(serverLoads),
      stateLatestMs: distribution(latest),
      timeTravelMs: distribution(travel),
    }
  } finally {
    await server.stop()
  }
}
