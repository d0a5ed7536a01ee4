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
import { capacitySettingsFromEnv, searchCapacity } from './servers/capacity-search.js'
import { compareServers, compareSettingsFromEnv } from './servers/compare.js'

const updates = Number(process.env.BENCH_DOC_UPDATES ?? 100_000)
const snapshotEvery = Number(process.env.BENCH_SNAPSHOT_EVERY ?? 200)
const logEvents = Number(process.env.BENCH_LOG_EVENTS ?? 1_000_000)
const allSections = ['servers', 'capacity', 'appends', 'documents', 'school-log'] as const
const sections = new Set(
  process.env.BENCH_SECTIONS === 'all'
    ? allSections
    : (process.env.BENCH_SECTIONS?.split(',') ?? ['servers', 'appends', 'documents', 'school-log']),
)
const resultsDir = join(repoRoot, 'tests', 'bench', 'results')
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

type Sections = {
  servers?: Awaited<ReturnType<typeof compareServers>>['report']
  capacity?: Awaited<ReturnType<typeof searchCapacity>>['report']
  appends?: Awaited<ReturnType<typeof measureAppends>>
  documents?: {
    sections: Awaited<ReturnType<typeof documentBench>>
    interleaved: Awaited<ReturnType<typeof documentBench>>
  }
  schoolLog?: Awaited<ReturnType<typeof schoolLogBench>>
}

function targetsOf(results: Sections): Target[] {
  const targets: Target[] = []
  const servers = results.servers?.results
  const p99Of = (name: string) =>
    servers?.find((r) => r.name.startsWith(name))?.workload?.latencyMs.p99 ?? Number.NaN
  const rembuk = servers?.find((r) => r.name.startsWith('Rembuk (SQLite'))?.workload
  if (servers && rembuk) {
    const reference = servers[0]?.workload
    const leveldb = p99Of('y-websocket-server + LevelDB')
    targets.push(
      below(
        'Rembuk p99 / reference + LevelDB p99',
        Number((rembuk.latencyMs.p99 / leveldb).toFixed(2)),
        1.0001,
      ),
      below(
        'Rembuk p99 / reference p99',
        Number((rembuk.latencyMs.p99 / (reference?.latencyMs.p99 ?? Number.NaN)).toFixed(2)),
        1.2001,
      ),
      below(
        'Rembuk bytes per keystroke / reference',
        Number(
          (
            rembuk.wireBytesPerKeystroke.serverToClients /
            (reference?.wireBytesPerKeystroke.serverToClients ?? Number.NaN)
          ).toFixed(2),
        ),
        1.0001,
      ),
    )
  }
  const capacity = results.capacity?.results
  const rembukCapacity = capacity?.find((r) => r.name.startsWith('Rembuk (SQLite'))?.largestPassing ?? 0
  for (const other of capacity ?? []) {
    if (other.name.startsWith('Rembuk')) continue
    targets.push(
      atLeast(`Rembuk capacity / ${other.name} capacity`, rembukCapacity / (other.largestPassing ?? 1), 1),
    )
  }
  if (results.appends) {
    targets.push(
      atLeast('single appends / raw inserts', results.appends.single.ratio, 0.5),
      atLeast('batch-50 appends / raw inserts', results.appends.batch50.ratio, 0.5),
      atLeast('appends to 40 streams together / raw inserts', results.appends.together.ratio, 1),
    )
  }
  const documents = results.documents?.sections
  if (documents) {
    const load = documents.withSnapshots
    targets.push(
      below('cold load p50 (server), ms', load.serverLoadMs.p50, 50),
      below('cold load p95 (server), ms', load.serverLoadMs.p95, 50),
      below('time travel p50 (state?revision=N), ms', load.timeTravelMs.p50, 50),
      below('time travel p95 (state?revision=N), ms', load.timeTravelMs.p95, 50),
      below('compare p50 (first tenth to last tenth), ms', documents.history.compareMs.p50, 200),
      below('compare p95 (first tenth to last tenth), ms', documents.history.compareMs.p95, 200),
    )
  }
  const asOf = results.schoolLog?.asOf
  if (asOf) {
    targets.push(
      below(`as-of p50 (position=P, ${logEvents} events), ms`, asOf.positionMs.p50, 1000),
      below(`as-of p95 (position=P, ${logEvents} events), ms`, asOf.positionMs.p95, 1000),
      below(`as-of p50 (at=<time>, ${logEvents} events), ms`, asOf.atMs.p50, 1000),
      below(`as-of p95 (at=<time>, ${logEvents} events), ms`, asOf.atMs.p95, 1000),
    )
  }
  return targets
}

try {
  const results: Sections = {}
  if (sections.has('servers')) {
    progress('servers')
    results.servers = (await compareServers(compareSettingsFromEnv(process.env), resultsDir)).report
  }
  if (sections.has('capacity')) {
    progress('capacity')
    results.capacity = (await searchCapacity(capacitySettingsFromEnv(process.env), resultsDir)).report
  }
  if (sections.has('appends')) {
    progress('appends')
    results.appends = await measureAppends(work)
  }
  if (sections.has('documents')) {
    results.documents = {
      sections: await documentBench('sections', true),
      interleaved: await documentBench('interleaved', false),
    }
  }
  if (sections.has('school-log')) results.schoolLog = await schoolLogBench()
  const targets = targetsOf(results)
  const report = {
    when: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
    settings: { sections: [...sections], updates, snapshotEvery, logEvents },
    ...results,
    targets,
  }
  mkdirSync(resultsDir, { recursive: true })
  writeFileSync(join(resultsDir, 'latest.json'), `${JSON.stringify(report, null, 2)}\n`)
  const lines = ['| measure | value | target | met |', '| --- | --- | --- | --- |']
  for (const t of targets) lines.push(`| ${t.name} | ${t.value} | ${t.target} | ${t.met ? 'yes' : 'no'} |`)
  writeFileSync(join(resultsDir, 'targets.md'), `${lines.join('\n')}\n`)
  console.log(lines.join('\n'))
  process.stderr.write(`[bench] every figure: ${join(resultsDir, 'latest.json')}\n`)
} finally {
  rmSync(work, { recursive: true, force: true })
}
