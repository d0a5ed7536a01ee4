import { type ChildProcess, spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { repoRoot } from '../../support/server-process.js'
import type { Competitor } from './competitors.js'
import { percentiles, type WorkloadResult } from './report.js'
import type { WorkloadConfig } from './workload.js'

const here = dirname(fileURLToPath(import.meta.url))

interface Generator {
  child: ChildProcess
  ready: Promise<void>
  result: Promise<WorkloadResult>
}

function startGenerator(config: WorkloadConfig, file: string): Generator {
  writeFileSync(file, JSON.stringify(config))
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'workload.ts'), file], {
    cwd: join(repoRoot, 'tests'),
    stdio: ['pipe', 'pipe', 'inherit'],
  })
  const lines: string[] = []
  let markReady: () => void = () => {}
  const ready = new Promise<void>((resolve) => {
    markReady = resolve
  })
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    if (line === '{"ready":true}') markReady()
    else lines.push(line)
  })
  const result = new Promise<WorkloadResult>((resolve, reject) => {
    // 'close' comes after the output has been read to its end, unlike 'exit'.
    child.once('close', (code) => {
      const last = lines.at(-1) ?? ''
      try {
        if (code !== 0) throw new Error(`exited with ${code}`)
        resolve(JSON.parse(last) as WorkloadResult)
      } catch (error) {
        reject(new Error(`workload ${String(error)}: ${lines.join('\n').slice(0, 2000)}`))
      }
    })
  })
  result.catch(() => markReady())
  return { child, ready, result }
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0)

/** One result from several generators: latencies merged, counts added, the worst generator's load. */
function merge(parts: WorkloadResult[]): WorkloadResult {
  const [first] = parts as [WorkloadResult, ...WorkloadResult[]]
  if (parts.length === 1) return first
  const keystrokes = sum(parts.map((p) => p.keystrokes))
  const perKeystroke = (pick: (p: WorkloadResult) => number) =>
    Math.round((sum(parts.map((p) => pick(p) * p.keystrokes)) / (keystrokes || 1)) * 10) / 10
  const sampled = parts.find((p) => p.server.rssMbMean > 0) ?? first
  return {
    clients: sum(parts.map((p) => p.clients)),
    unsynced: sum(parts.map((p) => p.unsynced)),
    keystrokes,
    latencyMs: percentiles(parts.flatMap((p) => p.latencySamples ?? [])),
    ...(first.latencyByPathMs && {
      latencyByPathMs: {
        sameServer: percentiles(parts.flatMap((p) => p.latencyByPathSamples?.sameServer ?? [])),
        otherServer: percentiles(parts.flatMap((p) => p.latencyByPathSamples?.otherServer ?? [])),
      },
    }),
    deliveries: {
      expected: sum(parts.map((p) => p.deliveries.expected)),
      delivered: sum(parts.map((p) => p.deliveries.delivered)),
      duplicates: sum(parts.map((p) => p.deliveries.duplicates)),
    },
    convergence: {
      documents: sum(parts.map((p) => p.convergence.documents)),
      converged: sum(parts.map((p) => p.convergence.converged)),
      drainMs: Math.max(...parts.map((p) => p.convergence.drainMs)),
    },
    server: sampled.server,
    ...(sampled.machineCpuPct !== undefined && { machineCpuPct: sampled.machineCpuPct }),
    wireBytesPerKeystroke: {
      serverToClients: perKeystroke((p) => p.wireBytesPerKeystroke.serverToClients),
      clientsToServer: perKeystroke((p) => p.wireBytesPerKeystroke.clientsToServer),
    },
    generator: {
      cpuPct: Math.max(...parts.map((p) => p.generator.cpuPct)),
      loopDelayP99Ms: Math.max(...parts.map((p) => p.generator.loopDelayP99Ms)),
    },
  }
}

/**
 * The workload in `generators` processes of its own (configs written to `workDir`), each with whole
 * documents, so that every latency is measured within one process clock. Several generators start typing
 * together once all their clients have synced.
 */
export async function runWorkload(
  competitor: Competitor,
  timing: { intervalMs: number; seconds: number },
  workDir: string,
  generators = 1,
): Promise<WorkloadResult> {
  const count = Math.max(1, Math.min(generators, new Set(competitor.seats.map((s) => s.docIndex)).size))
  const running = Array.from({ length: count }, (_, g) =>
    startGenerator(
      {
        client: competitor.client,
        url: competitor.url,
        pid: competitor.pid,
        ...(competitor.processes ? { processes: competitor.processes } : {}),
        seats: competitor.seats.filter((seat) => seat.docIndex % count === g),
        ...timing,
        sampleServer: g === 0,
        waitForGo: count > 1,
      },
      join(workDir, `workload-${competitor.pid}-${g}.json`),
    ),
  )
  if (count > 1) {
    await Promise.all(running.map((g) => g.ready))
    for (const { child } of running) child.stdin?.write('go\n')
  }
  for (const { child } of running) child.stdin?.end()
  const parts = await Promise.all(running.map((g) => g.result))
  const merged = merge(parts)
  return { ...merged, latencySamples: undefined, latencyByPathSamples: undefined }
}
