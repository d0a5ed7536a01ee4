import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Competitor, type Sizes, startHocuspocus, startReference, startRembuk } from './competitors.js'
import { startRembukReplicas } from './rembuk-replicas.js'
import type { WorkloadResult } from './report.js'
import { runWorkload } from './spawn-workload.js'

/**
 * Capacity search: the largest number of concurrent editing connections each server holds with p99 under
 * the limit, every update delivered and every document converged. Each step is a fresh server and a short
 * workload; counts double from the first step until a failure, then bisect down to `step`.
 */
export function capacitySettingsFromEnv(env: NodeJS.ProcessEnv) {
  return {
    clientsPerDocument: Number(env.CAPACITY_CLIENTS ?? 10),
    intervalMs: Number(env.CAPACITY_INTERVAL_MS ?? 1000),
    seconds: Number(env.CAPACITY_SECONDS ?? 15),
    first: Number(env.CAPACITY_MIN ?? 100),
    max: Number(env.CAPACITY_MAX ?? 1600),
    step: 50,
    /** Connections per load-generator process: a step of 1000 connections runs in three generators. */
    perGenerator: Number(env.CAPACITY_PER_GENERATOR ?? 400),
    p99LimitMs: 100,
    generatorLoopLimitMs: 50,
    only: env.CAPACITY_SERVERS?.split(','),
  }
}

type Settings = ReturnType<typeof capacitySettingsFromEnv>

const progress = (line: string) => process.stderr.write(`[bench:capacity] ${line}\n`)

type Verdict = 'pass' | 'fail' | 'generator-bound'

interface Step {
  connections: number
  verdict: Verdict
  p99Ms?: number
  /** With seats on several servers: p99 to clients of the sender's server, and to those of another. */
  p99SameServerMs?: number
  p99OtherServerMs?: number
  reasons: string[]
  generatorLoopP99Ms?: number
  generatorCpuPct?: number
  serverCpuPctMean?: number
  /** The whole machine's CPU while the clients typed, % of one core. */
  machineCpuPct?: number
  error?: string
}

interface Capacity {
  name: string
  largestPassing: number | null
  limitedBy: string
  /** What the server CPU and memory of a step are, when that is more than one process. */
  sampled?: string
  steps: Step[]
}

type Starter = (sizes: Sizes, dir: string) => Promise<Competitor>

/** Label (for `CAPACITY_SERVERS`), how to start a step's server, and what its sampled figures cover. */
const starters: [string, Starter, string?][] = [
  ['reference', (sizes) => startReference(sizes)],
  ['reference-leveldb', (sizes, dir) => startReference(sizes, join(dir, 'leveldb'))],
  ['hocuspocus', (sizes, dir) => startHocuspocus(sizes, join(dir, 'hocuspocus'))],
  ['rembuk', (sizes, dir) => startRembuk(sizes, join(dir, 'rembuk'))],
  [
    'rembuk-replicas-postgres',
    (sizes, dir) => startRembukReplicas(sizes, join(dir, 'replicas')),
    'server CPU and memory are the three replicas, PostgreSQL (postmaster and every backend) and Redis together; memory as the sum of PSS',
  ],
]

function judge(settings: Settings, connections: number, w: WorkloadResult): Step {
  const reasons: string[] = []
  if (w.unsynced > 0) reasons.push(`${w.unsynced} never synced`)
  if (!(w.latencyMs.p99 < settings.p99LimitMs)) reasons.push(`p99 ${w.latencyMs.p99} ms`)
  if (w.deliveries.delivered < w.deliveries.expected) {
    reasons.push(`lost ${w.deliveries.expected - w.deliveries.delivered}/${w.deliveries.expected}`)
  }
  if (w.convergence.converged < w.convergence.documents) {
    reasons.push(`${w.convergence.documents - w.convergence.converged} docs diverged`)
  }
  const generatorBound = w.generator.loopDelayP99Ms > settings.generatorLoopLimitMs
  const verdict: Verdict = reasons.length === 0 ? 'pass' : generatorBound ? 'generator-bound' : 'fail'
  return {
    connections,
    verdict,
    p99Ms: w.latencyMs.p99,
    ...(w.latencyByPathMs && {
      p99SameServerMs: w.latencyByPathMs.sameServer.p99,
      p99OtherServerMs: w.latencyByPathMs.otherServer.p99,
    }),
    reasons,
    generatorLoopP99Ms: w.generator.loopDelayP99Ms,
    generatorCpuPct: w.generator.cpuPct,
    serverCpuPctMean: w.server.cpuPctMean,
    machineCpuPct: w.machineCpuPct,
  }
}

async function tryStep(
  settings: Settings,
  work: string,
  label: string,
  start: Starter,
  connections: number,
): Promise<Step & { name?: string }> {
  const dir = join(work, `${label}-${connections}`)
  mkdirSync(dir, { recursive: true })
  const sizes = {
    documents: Math.ceil(connections / settings.clientsPerDocument),
    clientsPerDocument: settings.clientsPerDocument,
  }
  progress(`${label}: ${connections} connections (${sizes.documents} docs)`)
  let competitor: Competitor | undefined
  try {
    competitor = await start(sizes, dir)
    const generators = Math.ceil(connections / settings.perGenerator)
    const w = await runWorkload(competitor, settings, dir, generators)
    const step = judge(settings, connections, w)
    progress(`${label}: ${connections} → ${step.verdict} p99 ${step.p99Ms} ms ${step.reasons.join(', ')}`)
    return { ...step, name: competitor.name }
  } catch (error) {
    progress(`${label}: ${connections} → error ${String(error).slice(0, 200)}`)
    return { connections, verdict: 'fail', reasons: ['error'], error: String(error).slice(0, 500) }
  } finally {
    await competitor?.stop()
    rmSync(dir, { recursive: true, force: true })
  }
}

async function search(settings: Settings, work: string, label: string, start: Starter, sampled?: string) {
  const steps: Step[] = []
  let name = label
  const run = async (n: number) => {
    const { name: named, ...step } = await tryStep(settings, work, label, start, n)
    if (named) name = named
    steps.push(step)
    return step.verdict
  }
  let pass: number | null = null
  let upper: number | null = null
  let limitedBy = `cap ${settings.max}`
  for (let n = settings.first; ; n = Math.min(n * 2, settings.max)) {
    const verdict = await run(n)
    if (verdict === 'pass') pass = n
    else {
      upper = n
      limitedBy = verdict === 'generator-bound' ? `generator-bound at ${n}` : `server fails at ${n}`
      break
    }
    if (n >= settings.max) break
  }
  while (upper !== null && upper - (pass ?? 0) > settings.step) {
    const low = pass ?? 0
    const mid = Math.round((low + upper) / 2 / settings.step) * settings.step
    if (mid <= low || mid >= upper) break
    const verdict = await run(mid)
    if (verdict === 'pass') pass = mid
    else {
      upper = mid
      limitedBy = verdict === 'generator-bound' ? `generator-bound at ${mid}` : `server fails at ${mid}`
    }
  }
  return { name, largestPassing: pass, limitedBy, ...(sampled ? { sampled } : {}), steps } satisfies Capacity
}

function markdown(s: Settings, results: Capacity[]): string {
  const lines = [
    `Capacity search: documents of ${s.clientsPerDocument} clients, one insert per client every ~${s.intervalMs} ms (jittered 0.5–1.5x), ${s.seconds} s per step, fresh server per step; connections ${s.first}, doubling to the cap ${s.max}, then bisecting to a step of ${s.step}. A step passes when p99 < ${s.p99LimitMs} ms, every client synced, every update was delivered and every document converged.`,
    '',
    `The load comes from one Node process per ${s.perGenerator} connections (each with whole documents, so every latency is measured in one process clock), on the same ${cpus().length} cores as the server. A failing step whose worst generator's event-loop delay p99 exceeds ${s.generatorLoopLimitMs} ms is marked **generator-bound**: it ends the search but does not count as a server failure, so the capacity shown is then a lower bound for the server.`,
    '',
    '| server | largest passing | limited by | steps: connections → p99 ms (verdict; generator loop p99 ms / CPU %) |',
    '| --- | --- | --- | --- |',
  ]
  for (const r of results) {
    const steps = r.steps
      .map((t) => {
        const why = t.reasons.length ? `, ${t.reasons.join(', ')}` : ''
        const paths =
          t.p99OtherServerMs === undefined
            ? ''
            : ` [same / other replica ${t.p99SameServerMs} / ${t.p99OtherServerMs}]`
        return `${t.connections} → ${t.p99Ms ?? '–'}${paths} (${t.verdict}${why}; ${t.generatorLoopP99Ms ?? '–'} / ${t.generatorCpuPct ?? '–'})`
      })
      .join('<br>')
    const largest =
      r.largestPassing === null
        ? 'none'
        : `${r.limitedBy.startsWith('generator') ? '≥ ' : ''}${r.largestPassing}`
    lines.push(`| ${r.name} | ${largest} | ${r.limitedBy} | ${steps} |`)
  }
  const sampled = results.filter((r) => r.sampled)
  if (sampled.length > 0) lines.push('', ...sampled.map((r) => `${r.name}: ${r.sampled}.`))
  return `${lines.join('\n')}\n`
}

/**
 * Runs the search for every server (or those named in `settings.only`); writes `capacity.{json,md}` to
 * `resultsDir` and answers the report.
 */
export async function searchCapacity(settings: Settings, resultsDir: string) {
  const work = mkdtempSync(join(tmpdir(), 'rembuk-bench-capacity-'))
  try {
    const results: Capacity[] = []
    const unknown = settings.only?.filter((label) => !starters.some(([known]) => known === label))
    if (unknown?.length) {
      throw new Error(`CAPACITY_SERVERS: no ${unknown.join(', ')} (${starters.map(([l]) => l).join(', ')})`)
    }
    for (const [label, start, sampled] of starters) {
      if (settings.only && !settings.only.includes(label)) continue
      results.push(await search(settings, work, label, start, sampled))
    }
    const report = {
      when: new Date().toISOString(),
      machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
      settings,
      note: 'generator-bound steps (load generator event-loop delay p99 over the limit) do not count as server failures',
      results,
    }
    mkdirSync(resultsDir, { recursive: true })
    const table = markdown(settings, results)
    writeFileSync(join(resultsDir, 'capacity.json'), `${JSON.stringify(report, null, 2)}\n`)
    writeFileSync(join(resultsDir, 'capacity.md'), table)
    return { report, table }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
}
