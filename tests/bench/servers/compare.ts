import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Competitor, type Sizes, startHocuspocus, startReference, startRembuk } from './competitors.js'
import { startRembukReplicas } from './rembuk-replicas.js'
import { markdownTable, medianRound, type ServerResult, svgChart } from './report.js'
import { runWorkload } from './spawn-workload.js'

export interface CompareSettings extends Sizes {
  intervalMs: number
  seconds: number
  /** Each round runs every server once, in a shuffled order; the table shows each server's median round. */
  rounds: number
  /** The servers by label (`BENCH_SERVERS`): the four of `defaultServers` unless named. */
  servers: string[]
}

const defaultServers = ['reference', 'reference-leveldb', 'hocuspocus', 'rembuk']

export function compareSettingsFromEnv(env: NodeJS.ProcessEnv): CompareSettings {
  return {
    documents: Number(env.BENCH_DOCS ?? 10),
    clientsPerDocument: Number(env.BENCH_CLIENTS ?? 10),
    intervalMs: Number(env.BENCH_INTERVAL_MS ?? 500),
    seconds: Number(env.BENCH_SECONDS ?? 30),
    rounds: Number(env.BENCH_ROUNDS ?? 3),
    servers: env.BENCH_SERVERS?.split(',') ?? defaultServers,
  }
}

const progress = (line: string) => process.stderr.write(`[bench:servers] ${line}\n`)

/** The bytes of every file under `dir`. */
function bytesUnder(dir: string): number {
  let total = 0
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += statSync(join(entry.parentPath, entry.name)).size
  }
  return total
}

function shuffled<T>(items: T[]): T[] {
  const copy = [...items]
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1))
    ;[copy[i], copy[j]] = [copy[j] as T, copy[i] as T]
  }
  return copy
}

/**
 * The same typing workload against the reference y-websocket server (with and without LevelDB), Hocuspocus
 * with SQLite and Rembuk, each in its own process, for `rounds` rounds; writes `servers.{json,md,svg}` to
 * `resultsDir` and answers the report.
 */
export async function compareServers(settings: CompareSettings, resultsDir: string) {
  const work = mkdtempSync(join(tmpdir(), 'rembuk-bench-servers-'))
  const known: [string, (dir: string) => Promise<Competitor>][] = [
    ['reference', () => startReference(settings)],
    ['reference-leveldb', (dir) => startReference(settings, join(dir, 'leveldb'))],
    ['hocuspocus', (dir) => startHocuspocus(settings, join(dir, 'hocuspocus'))],
    ['rembuk', (dir) => startRembuk(settings, join(dir, 'rembuk'))],
    ['rembuk-replicas-postgres', (dir) => startRembukReplicas(settings, join(dir, 'replicas'))],
  ]
  const unknown = settings.servers.filter((label) => !known.some(([name]) => name === label))
  if (unknown.length > 0) {
    throw new Error(`BENCH_SERVERS: no ${unknown.join(', ')} (${known.map(([name]) => name).join(', ')})`)
  }
  const starters = known.filter(([label]) => settings.servers.includes(label))
  const rounds: ServerResult[][] = starters.map(() => [])
  try {
    for (let round = 1; round <= settings.rounds; round++) {
      for (const index of shuffled([...starters.keys()])) {
        const [label, start] = starters[index] as (typeof starters)[number]
        const dir = join(work, `${label.replaceAll(/\W+/g, '-')}-${round}`)
        mkdirSync(dir, { recursive: true })
        progress(`round ${round}: ${label}`)
        const competitor = await start(dir)
        let result: ServerResult
        try {
          const workload = await runWorkload(competitor, settings, dir)
          result = { name: competitor.name, workload, startMs: competitor.startMs }
        } catch (error) {
          result = { name: competitor.name, error: String(error) }
        } finally {
          await competitor.stop()
        }
        if (competitor.dataDir) result.diskBytes = bytesUnder(competitor.dataDir)
        rounds[index]?.push(result)
        rmSync(dir, { recursive: true, force: true })
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true })
  }
  const results = rounds.map(medianRound)
  const report = {
    when: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
    settings,
    results,
    rounds,
  }
  mkdirSync(resultsDir, { recursive: true })
  const replicasNote = settings.servers.includes('rembuk-replicas-postgres')
    ? '\nFor Rembuk on replicas, RSS and CPU are the three replicas, PostgreSQL (postmaster and every backend) and Redis together, memory as the sum of PSS; it keeps its data in PostgreSQL, so no disk bytes are shown.\n'
    : ''
  const table = `${markdownTable(settings, results, rounds)}${replicasNote}`
  writeFileSync(join(resultsDir, 'servers.json'), `${JSON.stringify(report, null, 2)}\n`)
  writeFileSync(join(resultsDir, 'servers.md'), table)
  writeFileSync(join(resultsDir, 'servers.svg'), svgChart(results))
  return { report, table }
}
