import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from '../../support/free-port.js'
import { type ServerProcess, startServerProcess } from '../../support/server-process.js'
import { checkLogIntegrity } from '../log/log-integrity.js'
import { killOnWrite } from '../log/wal-inspect.js'
import { percentiles, seededRandom, setUpWriters } from './crash-checks.js'
import { settleAndCompare } from './final-checks.js'
import { KillInspection } from './kill-inspection.js'
import { TypingCrowd } from './typists.js'

export interface CrashOptions {
  rounds: number
  clients: number
  documents: number
  /** Each client types a token every 0.5 to 1.5 times this. */
  typingIntervalMs: number
  /** Each kill lands this long (chosen at random between the two) after the server started listening. */
  killAfterMs: [number, number]
  flushMs: number
  snapshotEvery: number
  seed: number
  /** Where the server keeps its store; a fresh temporary directory (removed when all is well) by default. */
  dataDir?: string
  /** How long clients and server may take to agree once typing stops. */
  settleTimeoutMs?: number
  onProgress?: (line: string) => void
}

export interface CrashResult {
  seed: number
  /** Rounds survived: kills after which the server started again on the same data directory. */
  rounds: number
  clients: number
  documents: number
  keystrokes: number
  /** Events in the documents' streams. */
  eventsStored: number
  snapshotsStored: number
  /**
   * Kills that found a document, written to since the server's last start, whose log had run REMBUK_SNAPSHOT_EVERY
   * or more events past its newest snapshot: a snapshot the server had requested was being built or saved.
   */
  killsDuringSnapshot: number
  /** Kills set off by a write to the store's WAL (every other round) rather than at a random moment. */
  killsOnWrite: number
  /**
   * Kills that cut a transaction short (frames of it in the WAL, its commit frame not): in all, those
   * appending events, those whose written pages already held more than one new event, and those saving a
   * snapshot. Recovery drops such a transaction whole.
   */
  killsMidWrite: { total: number; appends: number; multiEventAppends: number; snapshots: number }
  /** Appends (transactions) that stored the documents' events, and those of them that stored several. */
  appendsStored: number
  multiEventAppends: number
  /**
   * After each restart, per document: from the server listening again until every client of the document
   * held every edit typed before that moment (counted only when that happened before the next kill).
   */
  convergedAfterMs: { p50: number; max: number; samples: number }
  /** From typing stopping to every client holding one text and the server's stored state agreeing. */
  settledAfterMs: number
  seconds: number
  /** The data directory, kept for inspection when there are problems or when it was given. */
  dataDir?: string
  problems: string[]
}

/**
 * Clients type into several documents while the server is killed with SIGKILL at random moments and started
 * again on the same data directory and port. After every kill the log is checked; at the end every client,
 * the server's stored state and the log's replay must hold exactly what was typed.
 */
export async function runCrashRounds(options: CrashOptions): Promise<CrashResult> {
  const started = performance.now()
  const { rounds, snapshotEvery, seed } = options
  const progress = options.onProgress ?? (() => undefined)
  const random = seededRandom(seed)
  const typingRandom = seededRandom(seed ^ 0x5bd1e995)
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'rembuk-crash-'))
  const dbFile = join(dataDir, 'rembuk.db')
  const env = {
    PORT: String(await freePort()),
    REMBUK_FLUSH_MS: String(options.flushMs),
    REMBUK_SNAPSHOT_EVERY: String(snapshotEvery),
  }
  const problems: string[] = []
  const convergence: number[] = []
  const counts = {
    keystrokes: 0,
    eventsStored: 0,
    snapshotsStored: 0,
    appendsStored: 0,
    multiEventAppends: 0,
  }
  let killsOnWrite = 0
  let kills: KillInspection | undefined
  let survived = 0
  let settledAfterMs = 0
  const start = async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await startServerProcess(dataDir, env)
      } catch (error) {
        if (attempt === 5 || !String(error).includes('EADDRINUSE')) throw error
        await new Promise((resolve) => setTimeout(resolve, 200))
      }
    }
  }
  let server: ServerProcess | undefined
  let crowd: TypingCrowd | undefined
  const reportServerErrors = (when: string) => {
    for (const entry of server?.logs ?? []) {
      if (typeof entry.level === 'number' && entry.level >= 50) {
        problems.push(`seed ${seed}, ${when}: the server logged ${JSON.stringify(entry).slice(0, 500)}`)
      }
    }
  }
  try {
    server = await start()
    const { principal, docIds, seats } = await setUpWriters(server, options.clients, options.documents)
    crowd = new TypingCrowd(server.collabUrl, seats, typingRandom, options.typingIntervalMs)
    await Promise.all(crowd.typists.map(({ client }) => client.synced()))
    kills = new KillInspection(dbFile, docIds, snapshotEvery)
    crowd.start()
    for (let round = 1; round <= rounds + 1; round++) {
      const watching = round > 1 ? crowd.watchConvergence(docIds, convergence) : undefined
      const [min, max] = options.killAfterMs
      const lifeMs = Math.round(min + random() * (max - min))
      await new Promise((resolve) => setTimeout(resolve, lifeMs))
      watching?.stop()
      if (round > rounds) break
      const writes = 1 + Math.floor(random() * 6)
      const onWrite = round % 2 === 0 && (await killOnWrite(server, dbFile, writes, 2_000))
      if (onWrite) killsOnWrite += 1
      else await server.kill()
      reportServerErrors(`round ${round}`)
      const { log, cut } = kills.inspect()
      problems.push(
        ...log.problems.map((problem) => `seed ${seed}, round ${round}, after the kill: ${problem}`),
      )
      server = await start()
      survived = round
      progress(
        `round ${round}/${rounds}: killed ${onWrite ? `at WAL write ${writes} after` : 'after'} ${lifeMs} ms; ` +
          `${crowd.keystrokes} keystrokes, ` +
          `${log.events} events, log ${log.ok ? 'sound' : `with ${log.problems.length} problems`}` +
          (cut
            ? `; the kill cut a write: ${cut.frames} frames${cut.torn ? ' and a torn one' : ''} to ` +
              `${cut.tables.join(', ')}, ${cut.newEvents} new events`
            : ''),
      )
    }

    crowd.stop()
    counts.keystrokes = crowd.keystrokes
    const timeoutMs = options.settleTimeoutMs ?? 60_000
    const settled = await settleAndCompare(crowd, server, principal, docIds, timeoutMs, problems)
    settledAfterMs = settled.settledAfterMs
    crowd.destroy()
    crowd = undefined
    await server.stop()
    reportServerErrors('the last run')
    const log = checkLogIntegrity(dbFile)
    problems.push(...log.problems.map((problem) => `seed ${seed}, the final log: ${problem}`))
    for (const docId of docIds) {
      if (log.documents[docId]?.content.catatan !== settled.texts.get(docId)) {
        problems.push(`seed ${seed}, ${docId}: the log replays to other text than the clients hold`)
      }
    }
    counts.eventsStored = docIds.reduce((sum, docId) => sum + (log.documents[docId]?.events ?? 0), 0)
    counts.snapshotsStored = log.snapshots
    counts.appendsStored = log.appends
    counts.multiEventAppends = log.multiEventAppends
  } catch (error) {
    problems.push(`seed ${seed}: the run failed: ${(error as Error).stack ?? error}`)
  } finally {
    crowd?.destroy()
    await server?.kill()
  }
  const keep = problems.length > 0 || options.dataDir !== undefined
  if (!keep) rmSync(dataDir, { recursive: true, force: true })
  return {
    seed,
    rounds: survived,
    clients: options.clients,
    documents: options.documents,
    ...counts,
    killsDuringSnapshot: kills?.duringSnapshot ?? 0,
    killsOnWrite,
    killsMidWrite: kills?.midWrite ?? { total: 0, appends: 0, multiEventAppends: 0, snapshots: 0 },
    convergedAfterMs: percentiles(convergence),
    settledAfterMs,
    seconds: Math.round((performance.now() - started) / 100) / 10,
    ...(keep ? { dataDir } : {}),
    problems,
  }
}
