import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { repoRoot } from '../support/server-process.js'
import { measureAppends } from './append-throughput.js'
import { writeDocFixture } from './doc-fixture.js'
import { measureDocLoad } from './doc-load.js'

const updates = Number(process.env.BENCH_DOC_UPDATES ?? 100_000)
const snapshotEvery = Number(process.env.BENCH_SNAPSHOT_EVERY ?? 200)
const docId = 'bench-rencana'
const work = mkdtempSync(join(tmpdir(), 'rembuk-bench-'))
const progress = (step: string) => process.stderr.write(`[bench] ${step}\n`)

try {
  progress('appends')
  const appends = await measureAppends(work)
  progress(`writing a document of ${updates} updates`)

  const withSnapshots = join(work, 'with-snapshots')
  const withoutSnapshots = join(work, 'without-snapshots')
  mkdirSync(withSnapshots)
  mkdirSync(withoutSnapshots)
  const fixture = await writeDocFixture({ dataDir: withSnapshots, docId, updates, snapshotEvery })
  copyFileSync(join(withSnapshots, 'rembuk.db'), join(withoutSnapshots, 'rembuk.db'))
  const db = new Database(join(withoutSnapshots, 'rembuk.db'))
  db.exec('DELETE FROM snapshots')
  db.close()

  progress('loading with snapshots')
  const snapshotted = await measureDocLoad(withSnapshots, docId, updates, {
    REMBUK_SNAPSHOT_EVERY: String(snapshotEvery),
  })
  progress('loading without snapshots')
  const replayed = await measureDocLoad(
    withoutSnapshots,
    docId,
    updates,
    { REMBUK_SNAPSHOT_EVERY: '100000000' },
    {
      cold: 3,
      latest: 3,
      timeTravel: 10,
    },
  )

  const targets = [
    {
      name: 'single appends vs raw inserts',
      target: '>= 0.5',
      value: appends.single.ratio,
      met: appends.single.ratio >= 0.5,
    },
    {
      name: 'batch-50 appends vs raw inserts',
      target: '>= 0.5',
      value: appends.batch50.ratio,
      met: appends.batch50.ratio >= 0.5,
    },
    {
      name: 'cold load p50 (snapshots), ms',
      target: '< 50',
      value: snapshotted.coldSyncMs.p50,
      met: snapshotted.coldSyncMs.p50 < 50,
    },
    {
      name: 'time travel p95 (snapshots), ms',
      target: '< 50',
      value: snapshotted.timeTravelMs.p95,
      met: snapshotted.timeTravelMs.p95 < 50,
    },
  ]
  const report = {
    when: new Date().toISOString(),
    machine: { cpus: cpus().length, cpu: cpus()[0]?.model, node: process.version },
    appends,
    document: { docId, ...fixture, snapshotEvery },
    load: { withSnapshots: snapshotted, withoutSnapshots: replayed },
    targets,
  }
  const json = JSON.stringify(report, null, 2)
  const resultsDir = join(repoRoot, 'tests', 'bench', 'results')
  mkdirSync(resultsDir, { recursive: true })
  writeFileSync(join(resultsDir, 'latest.json'), `${json}\n`)
  console.log(json)
  console.log('')
  console.log('| measure | value | target | met |')
  console.log('| --- | --- | --- | --- |')
  for (const t of targets) console.log(`| ${t.name} | ${t.value} | ${t.target} | ${t.met ? 'yes' : 'no'} |`)
  console.log(`| cold load p50 without snapshots, ms | ${replayed.coldSyncMs.p50} | (reference) | |`)
  console.log(`| time travel p50 without snapshots, ms | ${replayed.timeTravelMs.p50} | (reference) | |`)
} finally {
  rmSync(work, { recursive: true, force: true })
}
