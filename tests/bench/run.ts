import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { setUpSchool } from '../support/school.js'
import { repoRoot, startServerProcess } from '../support/server-process.js'
import { measureAppends } from './append-throughput.js'
import { type TypingPattern, writeDocFixture } from './doc-fixture.js'
import { measureDocLoad } from './doc-load.js'

const updates = Number(process.env.BENCH_DOC_UPDATES ?? 100_000)
const snapshotEvery = Number(process.env.BENCH_SNAPSHOT_EVERY ?? 200)
const work = mkdtempSync(join(tmpdir(), 'rembuk-bench-'))
const progress = (step: string) => process.stderr.write(`[bench] ${step}\n`)

/** A school with one plan, set up through the API; the plan's document is where the fixture is written. */
async function schoolWithPlan(dataDir: string) {
  const server = await startServerProcess(dataDir)
  try {
    const school = await setUpSchool(server.httpUrl)
    const { docId } = await school.plan('Rencana untuk pengukuran', [])
    return { principal: school.principal, docId }
  } finally {
    await server.stop()
  }
}

async function documentBench(pattern: TypingPattern, withReplayReference: boolean) {
  const withSnapshots = join(work, `${pattern}-snapshots`)
  const withoutSnapshots = join(work, `${pattern}-replay`)
  mkdirSync(withSnapshots)
  const { principal, docId } = await schoolWithPlan(withSnapshots)
  progress(`writing a document of ${updates} updates (${pattern})`)
  const fixture = await writeDocFixture({ dataDir: withSnapshots, docId, updates, snapshotEvery, pattern })
  if (withReplayReference) {
    cpSync(withSnapshots, withoutSnapshots, { recursive: true })
    const db = new Database(join(withoutSnapshots, 'rembuk.db'))
    db.exec('DELETE FROM snapshots')
    db.close()
  }
  progress(`loading (${pattern}) with snapshots`)
  const snapshotted = await measureDocLoad(withSnapshots, principal, docId, updates, {
    REMBUK_SNAPSHOT_EVERY: String(snapshotEvery),
  })
  if (!withReplayReference) return { fixture, withSnapshots: snapshotted }
  progress(`loading (${pattern}) without snapshots`)
  const replayed = await measureDocLoad(
    withoutSnapshots,
    principal,
    docId,
    updates,
    { REMBUK_SNAPSHOT_EVERY: '100000000' },
    {
      cold: 3,
      latest: 3,
      timeTravel: 10,
    },
  )
  return { fixture, withSnapshots: snapshotted, withoutSnapshots: replayed }
}

try {
  progress('appends')
  const appends = await measureAppends(work)
  const sections = await documentBench('sections', true)
  const interleaved = await documentBench('interleaved', false)
  const load = sections.withSnapshots
  const targets = [
    { name: 'single appends / raw inserts', target: '>= 0.5', value: appends.single.ratio },
    { name: 'batch-50 appends / raw inserts', target: '>= 0.5', value: appends.batch50.ratio },
    { name: 'cold load p50 (server), ms', target: '< 50', value: load.serverLoadMs.p50 },
    { name: 'cold load p95 (server), ms', target: '< 50', value: load.serverLoadMs.p95 },
    { name: 'time travel p50 (state?revision=N), ms', target: '< 50', value: load.timeTravelMs.p50 },
    { name: 'time travel p95 (state?revision=N), ms', target: '< 50', value: load.timeTravelMs.p95 },
  ].map((t) => ({ ...t, met: t.target.startsWith('>=') ? t.value >= 0.5 : t.value < 50 }))
  const report = {
    when: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
    settings: { updates, snapshotEvery },
    appends,
    documents: { sections, interleaved },
    targets,
  }
  const json = JSON.stringify(report, null, 2)
  const resultsDir = join(repoRoot, 'tests', 'bench', 'results')
  mkdirSync(resultsDir, { recursive: true })
  writeFileSync(join(resultsDir, 'latest.json'), `${json}\n`)
  console.log(json)
  console.log('')
  console.log(`| measure (${updates} keystroke updates, typing in sections) | value | target | met |`)
  console.log('| --- | --- | --- | --- |')
  for (const t of targets) console.log(`| ${t.name} | ${t.value} | ${t.target} | ${t.met ? 'yes' : 'no'} |`)
  const replay = sections.withoutSnapshots
  console.log(`| cold load p50 (server) without snapshots, ms | ${replay?.serverLoadMs.p50} | reference | |`)
  console.log(`| time travel p50 without snapshots, ms | ${replay?.timeTravelMs.p50} | reference | |`)
  const worst = interleaved.withSnapshots
  console.log(`| interleaved typing: cold load p50 (server), ms | ${worst.serverLoadMs.p50} | worst case | |`)
  console.log(`| interleaved typing: time travel p95, ms | ${worst.timeTravelMs.p95} | worst case | |`)
} finally {
  rmSync(work, { recursive: true, force: true })
}
