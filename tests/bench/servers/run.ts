import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import { repoRoot } from '../../support/server-process.js'
import { type Competitor, type Sizes, startHocuspocus, startReference, startRembuk } from './competitors.js'
import { markdownTable, type ServerResult, svgChart } from './report.js'
import { runWorkload } from './spawn-workload.js'

const sizes: Sizes = {
  documents: Number(process.env.BENCH_DOCS ?? 10),
  clientsPerDocument: Number(process.env.BENCH_CLIENTS ?? 10),
}
const intervalMs = Number(process.env.BENCH_INTERVAL_MS ?? 500)
const seconds = Number(process.env.BENCH_SECONDS ?? 30)
const work = mkdtempSync(join(tmpdir(), 'rembuk-bench-servers-'))
const progress = (line: string) => process.stderr.write(`[bench:servers] ${line}\n`)

const starters: [string, () => Promise<Competitor>][] = [
  ['reference', () => startReference(sizes)],
  ['reference + LevelDB', () => startReference(sizes, join(work, 'leveldb'))],
  ['hocuspocus', () => startHocuspocus(sizes, join(work, 'hocuspocus'))],
  ['rembuk', () => startRembuk(sizes, join(work, 'rembuk'))],
]

try {
  const results: ServerResult[] = []
  for (const [label, start] of starters) {
    progress(`${label}: starting`)
    const competitor = await start()
    try {
      progress(`${label}: ${sizes.documents} docs x ${sizes.clientsPerDocument} clients, ${seconds} s`)
      results.push({
        name: competitor.name,
        workload: await runWorkload(competitor, { intervalMs, seconds }, work),
      })
    } catch (error) {
      results.push({ name: competitor.name, error: String(error) })
    } finally {
      await competitor.stop()
    }
  }
  const report = {
    when: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
    settings: { ...sizes, intervalMs, seconds },
    results,
  }
  const resultsDir = join(repoRoot, 'tests', 'bench', 'results')
  mkdirSync(resultsDir, { recursive: true })
  const table = markdownTable(report.settings, results)
  writeFileSync(join(resultsDir, 'servers.json'), `${JSON.stringify(report, null, 2)}\n`)
  writeFileSync(join(resultsDir, 'servers.md'), table)
  writeFileSync(join(resultsDir, 'servers.svg'), svgChart(results))
  console.log(table)
} finally {
  rmSync(work, { recursive: true, force: true })
}
