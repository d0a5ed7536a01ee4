import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { repoRoot } from '../../support/server-process.js'
import { startRembuk } from './competitors.js'
import { type CpuProfile, flameGraphSvg, summarize } from './flame-graph.js'
import { runWorkload } from './spawn-workload.js'

/**
 * Rembuk under the typing workload with `node --cpu-prof`: the time on CPU by function and by origin (JSON),
 * and a flame graph (SVG), in `tests/bench/results/profile-rembuk.*`. Sizes as the capacity search's steps.
 */
const sizes = {
  documents: Number(process.env.PROFILE_DOCS ?? 40),
  clientsPerDocument: Number(process.env.PROFILE_CLIENTS ?? 10),
}
const timing = {
  intervalMs: Number(process.env.PROFILE_INTERVAL_MS ?? 1000),
  seconds: Number(process.env.PROFILE_SECONDS ?? 30),
}
const work = mkdtempSync(join(tmpdir(), 'rembuk-bench-profile-'))
const profileDir = join(work, 'cpu')

try {
  const rembuk = await startRembuk(sizes, join(work, 'rembuk'), [
    '--cpu-prof',
    `--cpu-prof-dir=${profileDir}`,
  ])
  let workload: Awaited<ReturnType<typeof runWorkload>>
  try {
    workload = await runWorkload(rembuk, timing, work)
  } finally {
    await rembuk.stop()
  }
  const file = readdirSync(profileDir).find((name) => name.endsWith('.cpuprofile'))
  if (!file) throw new Error(`the server wrote no profile into ${profileDir}`)
  const raw = readFileSync(join(profileDir, file), 'utf8')
  const { tree, ...summary } = summarize(JSON.parse(raw) as CpuProfile)
  const connections = sizes.documents * sizes.clientsPerDocument
  const title = `Rembuk, ${connections} editing connections, one insert each per ~${timing.intervalMs} ms, ${timing.seconds} s: ${summary.busyMs} ms on CPU`
  const resultsDir = join(repoRoot, 'tests', 'bench', 'results')
  mkdirSync(resultsDir, { recursive: true })
  const report = {
    when: new Date().toISOString(),
    settings: { ...sizes, ...timing },
    latencyMs: workload.latencyMs,
    serverCpuPctMean: workload.server.cpuPctMean,
    ...summary,
  }
  writeFileSync(join(resultsDir, 'profile-rembuk.json'), `${JSON.stringify(report, null, 2)}\n`)
  writeFileSync(join(resultsDir, 'profile-rembuk.svg'), flameGraphSvg(tree, title))
  writeFileSync(join(resultsDir, 'profile-rembuk.cpuprofile'), raw)
  console.log(JSON.stringify(report, null, 2))
} finally {
  rmSync(work, { recursive: true, force: true })
}
