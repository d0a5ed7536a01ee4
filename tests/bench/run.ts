import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { setUpSchool } from '../support/school.js'
import { repoRoot, startServerProcess } from '../support/server-process.js'
import { measureAppends } from './append-throughput.js'
import { type TypingPattern, writeDocFixture } from './doc-fixture.js'
import { measureDocLoad } from './doc-load.js'
import { measureAsOf, measureDocHistory } from './history.js'
import { writeSchoolLog } from './school-log-fixture.js'

const updates = Number(process.env.BENCH_DOC_UPDATES ?? 100_000)
const snapshotEvery = Number(process.env.BENCH_SNAPSHOT_EVERY ?? 200)
const logEvents = Number(process.env.BENCH_LOG_EVENTS ?? 1_000_000)
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
  progress(`compare and timeline (${pattern}) with snapshots`)
  const history = await measureDocHistory(withSnapshots, principal, docId, updates + 1, {
    REMBUK_SNAPSHOT_EVERY: String(snapshotEvery),
  })
  if (!withReplayReference) return { fixture, withSnapshots: snapshotted, history }
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
  return { fixture, withSnapshots: snapshotted, withoutSnapshots: replayed, history }
}

/** The school-wide view as of a position or a moment, on a log of `logEvents` events. */
async function schoolLogBench() {
  const dataDir = join(work, 'school-log')
  mkdirSync(dataDir)
  progress(`writing a school log of ${logEvents} events`)
  const log = await writeSchoolLog({ dataDir, events: logEvents, snapshotEvery })
  progress(`school log written in ${log.seconds} s; measuring as-of`)
  const asOf = await measureAsOf(dataDir, log)
  const { principal: _, ...fixture } = log
  return { fixture, asOf }
}

type Target = { name: string; value: number; target: string; met: boolean }
const below = (name: string, value: number, limit: number): Target => ({
  name,
  value,
  target: `< ${limit}`,
  met: value < limit,
})
const atLeast = (name: string, value: number, limit: number): Target => ({
  name,
  value,
  target: `>= ${limit}`,
  met: value >= limit,
})

try {
  progress('appends')
  const appends = await measureAppends(work)
  const sections = await documentBench('sections', true)
  const interleaved = await documentBench('interleaved', false)
  const schoolLog = await schoolLogBench()
  const load = sections.withSnapshots
  const history = sections.history
  const asOf = schoolLog.asOf
  const targets = [
    atLeast('single appends / raw inserts', appends.single.ratio, 0.5),
    atLeast('batch-50 appends / raw inserts', appends.batch50.ratio, 0.5),
    below('cold load p50 (server), ms', load.serverLoadMs.p50, 50),
    below('cold load p95 (server), ms', load.serverLoadMs.p95, 50),
    below('time travel p50 (state?revision=N), ms', load.timeTravelMs.p50, 50),
    below('time travel p95 (state?revision=N), ms', load.timeTravelMs.p95, 50),
    below('compare p50 (first tenth to last tenth), ms', history.compareMs.p50, 200),
    below('compare p95 (first tenth to last tenth), ms', history.compareMs.p95, 200),
    below(`as-of p50 (position=P, ${logEvents} events), ms`, asOf.positionMs.p50, 1000),
    below(`as-of p95 (position=P, ${logEvents} events), ms`, asOf.positionMs.p95, 1000),
    below(`as-of p50 (at=<time>, ${logEvents} events), ms`, asOf.atMs.p50, 1000),
    below(`as-of p95 (at=<time>, ${logEvents} events), ms`, asOf.atMs.p95, 1000),
  ]
  const report = {
    when: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
    settings: { updates, snapshotEvery, logEvents },
    appends,
    documents: { sections, interleaved },
    schoolLog,
    targets,
  }
  const json = JSON.stringify(report, null, 2)
  const resultsDir = join(repoRoot, 'tests', 'bench', 'results')
  mkdirSync(resultsDir, { recursive: true })
  writeFileSync(join(resultsDir, 'latest.json'), `${json}\n`)
  console.log(json)
  console.log('')
  console.log(
    `| measure (document: ${updates} keystroke updates, typing in sections; school log: ${logEvents} events) | value | target | met |`,
  )
  console.log('| --- | --- | --- | --- |')
  for (const t of targets) console.log(`| ${t.name} | ${t.value} | ${t.target} | ${t.met ? 'yes' : 'no'} |`)
  const replay = sections.withoutSnapshots
  console.log(`| cold load p50 (server) without snapshots, ms | ${replay?.serverLoadMs.p50} | reference | |`)
  console.log(`| time travel p50 without snapshots, ms | ${replay?.timeTravelMs.p50} | reference | |`)
  const worst = interleaved.withSnapshots
  console.log(`| interleaved typing: cold load p50 (server), ms | ${worst.serverLoadMs.p50} | worst case | |`)
  console.log(`| interleaved typing: time travel p95, ms | ${worst.timeTravelMs.p95} | worst case | |`)
  console.log(
    `| two state loads at the compared revisions p50, ms | ${history.twoStateLoadsMs.p50} | reference | |`,
  )
  console.log(`| compare p50 / two state loads p50 | ${history.compareRatio} | ratio | |`)
  console.log(
    `| timeline page (limit=100) p50 / p95, ms | ${history.timelineMs.p50} / ${history.timelineMs.p95} | no target | |`,
  )
  console.log(`| state at the page's start p50, ms | ${history.stateBeforePageMs.p50} | reference | |`)
  console.log(
    `| interleaved typing: compare p50 / p95, ms | ${interleaved.history.compareMs.p50} / ${interleaved.history.compareMs.p95} | worst case | |`,
  )
  console.log(`| as-of at the head p50, ms | ${asOf.headMs.p50} | longest cut | |`)
  console.log(
    `| filtered readAll of the same cuts p50 / p95 (in-process), ms | ${asOf.readAllMs.p50} / ${asOf.readAllMs.p95} | reference | |`,
  )
  console.log(`| as-of p50 / readAll p50 | ${asOf.ratio} | ratio | |`)
  console.log(
    `| server CPU while idle, big log / document, % | ${asOf.idleCpuPercent} / ${history.idleCpuPercent} | context | |`,
  )
  console.log(
    `| school log: events / written in, s | ${schoolLog.fixture.events} / ${schoolLog.fixture.seconds} | context | |`,
  )
} finally {
  rmSync(work, { recursive: true, force: true })
}
