import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { availableParallelism, loadavg, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { freePort } from '../../support/free-port.js'
import { startServerProcess } from '../../support/server-process.js'
import { seededRandom } from '../crash/crash-checks.js'
import { compareStored, openDocuments, settleClients, unloadAndReload } from './load-checks.js'
import { LoadCrowd, toMs } from './load-crowd.js'
import { HeapProbe, inspectorEnv } from './load-heap-probe.js'
import { LoadSampler, round } from './load-sampler.js'
import { seatSchool } from './load-seats.js'

export interface LoadOptions {
  documents: number
  clientsPerDocument: number
  /** How long the clients type. */
  durationMs: number
  /** Each client types a token every 0.5 to 1.5 times this. */
  keystrokeIntervalMs: number
  sampleEveryMs: number
  /**
   * Runs a full garbage collection in the server (through its inspector) this often, and before the clients
   * come and after they have gone, recording heap and RSS right after. Each collection pauses the server.
   */
  gcEveryMs?: number
  seed: number
  /** Extra environment for the server. */
  env?: Record<string, string>
  onProgress?: (line: string) => void
}

export type LoadResult = Awaited<ReturnType<typeof runLoad>>

/**
 * Clients type into shared documents on a fresh server for a set time while latency, errors and the server's
 * memory and CPU are measured; then every document must converge, match its stored state, unload once
 * everyone has left, and reload intact.
 */
export async function runLoad(options: LoadOptions) {
  const started = performance.now()
  const loadAtStart = round(loadavg()[0] ?? 0)
  const progress = options.onProgress ?? (() => undefined)
  const dataDir = mkdtempSync(join(tmpdir(), 'rembuk-load-'))
  const total = options.documents * options.clientsPerDocument
  const settleMs = 30_000 + total * 20
  const problems: string[] = []
  const inspectorPort = options.gcEveryMs ? await freePort() : undefined
  const env = { ...options.env, ...(inspectorPort && inspectorEnv(inspectorPort)) }
  const listenersBefore = process.getMaxListeners()
  // Each y-websocket provider in Node listens to the process's `exit`.
  process.setMaxListeners(Math.max(listenersBefore, total + 50))
  const server = await startServerProcess(dataDir, env)
  const probe = inspectorPort ? await HeapProbe.connect(inspectorPort) : undefined
  let crowd: LoadCrowd | undefined
  let keepDataDir = true
  try {
    const { principal, teachers, docIds, seats } = await seatSchool(server, options)
    const heapBeforeClientsMb = await probe?.heapAfterGc()
    progress(`${teachers} teachers, ${docIds.length} plans; connecting ${total} clients`)
    crowd = new LoadCrowd(server.collabUrl, seats, seededRandom(options.seed), options.keystrokeIntervalMs)
    const connecting = performance.now()
    await crowd.synced(settleMs)
    const connectedInMs = Math.round(performance.now() - connecting)
    const connectionsHeld = crowd.openConnections
    progress(`${connectionsHeld} connections held after ${connectedInMs} ms; typing`)
    const typing = crowd
    const sampler = new LoadSampler(server.child.pid as number, {
      window: () => typing.takeWindow(),
      openConnections: () => typing.openConnections,
      openDocuments: () => openDocuments(server),
      heapAfterGc: probe && (() => probe.heapAfterGc()),
      gcEverySamples: Math.max(1, Math.round((options.gcEveryMs ?? 0) / options.sampleEveryMs)),
    })
    sampler.start(options.sampleEveryMs)
    crowd.start()
    const reporter = setInterval(() => {
      const last = sampler.samples.at(-1)
      if (last) progress(`${JSON.stringify(last)}`)
    }, 30_000)
    await new Promise((resolve) => setTimeout(resolve, options.durationMs))
    clearInterval(reporter)
    crowd.stop()
    await sampler.stop()
    progress(`${crowd.keystrokes} keystrokes; waiting for every client to catch up`)

    const { errors } = crowd
    const texts = await settleClients(crowd, docIds, settleMs, errors, problems)
    await compareStored(server, principal, docIds, texts, settleMs, errors, problems)
    const { latency, closeCodes, keystrokes } = crowd
    const deliveries = crowd.deliveries()
    crowd.destroy()
    const unload = await unloadAndReload(server, seats, texts, settleMs, errors, problems)
    progress(`unloaded after ${unload.unloadedAfterMs} ms; ${unload.reloadedIntact} reloaded intact`)
    const heapAfterUnloadMb = unload.unloadedAgain ? await probe?.heapAfterGc() : undefined
    probe?.close()
    const serverExit = (await server.stop()) ?? server.child.signalCode
    const serverErrors = server.logs.filter((entry) => typeof entry.level === 'number' && entry.level >= 50)
    errors.serverErrorLogs = serverErrors.length
    for (const entry of serverErrors.slice(0, 10)) problems.push(`the server logged ${JSON.stringify(entry)}`)
    // Nest stores what is pending on SIGTERM, then ends by raising the signal again.
    if (serverExit !== 'SIGTERM' && serverExit !== 0) problems.push(`the server ended with ${serverExit}`)
    if (connectionsHeld < total) problems.push(`only ${connectionsHeld} of ${total} clients connected`)
    if (errors.connectionCloses > 0) {
      problems.push(
        `${errors.connectionCloses} connections closed under load, by code: ${JSON.stringify(closeCodes)}`,
      )
    }
    if (errors.connectionErrors > 0) problems.push(`${errors.connectionErrors} connection errors`)
    if (errors.syncFailures > 0)
      problems.push(`${errors.syncFailures} clients did not sync within ${settleMs} ms`)
    if (errors.duplicateDeliveries > 0)
      problems.push(`${errors.duplicateDeliveries} tokens seen twice by a client`)
    problems.push(...sampler.failures.map((failure) => `sampling failed: ${failure}`))
    keepDataDir = problems.length > 0
    const { env: _, onProgress: __, ...shown } = options
    return {
      options: { ...shown, env: options.env ?? {} },
      teachers,
      connectionsHeld,
      connectedInMs,
      keystrokes,
      deliveries,
      latencyMs: {
        p50: toMs(latency.percentile(50)),
        p95: toMs(latency.percentile(95)),
        p99: toMs(latency.percentile(99)),
        max: toMs(latency.max),
      },
      errors,
      /** Close codes clients saw while connected (`watchdog`: the provider closed a silent connection). */
      closeCodes,
      ...sampler.summary(),
      /** Heap in use after a full collection, with the school set up, before any client and after all left. */
      ...(probe && {
        heapAfterGc: { beforeClientsMb: heapBeforeClientsMb, afterUnloadMb: heapAfterUnloadMb },
      }),
      samples: sampler.samples,
      unload,
      /** How the server ended on SIGTERM: an exit code or a signal. */
      serverExit,
      /** Other work on the machine shows in its load average (1 min) beside the cores it has. */
      machine: {
        cores: availableParallelism(),
        loadAverage: { atStart: loadAtStart, atEnd: round(loadavg()[0] ?? 0) },
      },
      seconds: round((performance.now() - started) / 1000, 1),
      problems,
    }
  } catch (error) {
    crowd?.destroy()
    probe?.close()
    await server.kill()
    throw error
  } finally {
    process.setMaxListeners(listenersBefore)
    if (!keepDataDir) rmSync(dataDir, { recursive: true, force: true })
    else progress(`data directory kept for inspection: ${dataDir}`)
  }
}

/** Writes the result to `results/<name>.json` beside this file and prints it. */
export function saveResult(name: string, result: LoadResult & Record<string, unknown>): void {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'results')
  mkdirSync(dir, { recursive: true })
  const json = `${JSON.stringify(result, null, 2)}\n`
  writeFileSync(join(dir, `${name}.json`), json)
  process.stdout.write(json)
}
