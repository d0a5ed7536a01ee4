import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { testNetworkUnavailable } from '../../support/netns/network.js'
import { repoRoot } from '../../support/server-process.js'
import { type Backend, backends, ScaleOutCluster } from './cluster.js'
import { type FaultKind, faultKinds } from './faults.js'
import {
  coldStartTrio,
  FreshWorkspaces,
  setupThenLoginElsewhere,
  simultaneousSetups,
} from './fresh-workspace.js'
import { defaultOptions, runScaleOut } from './scale-out-run.js'

const size = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback)
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`)
  return value
}
const backend = (process.env.SCALE_OUT_BACKEND ?? 'postgres') as Backend
if (!backends.includes(backend)) throw new Error(`SCALE_OUT_BACKEND is one of ${backends.join(', ')}`)
const faults = (process.env.SCALE_OUT_FAULTS?.split(',') ?? faultKinds) as FaultKind[]
const unknown = faults.filter((fault) => !faultKinds.includes(fault))
if (unknown.length > 0)
  throw new Error(`SCALE_OUT_FAULTS: ${unknown.join(', ')}; known: ${faultKinds.join(', ')}`)
const clients = size('SCALE_OUT_CLIENTS', defaultOptions.clients)
// Each y-websocket provider adds a listener for the process's exit.
process.setMaxListeners(clients + 20)
const progress = (line: string) => process.stderr.write(`[scale-out] ${line}\n`)

const resultsDir = join(repoRoot, 'tests', 'reliability', 'results')
mkdirSync(resultsDir, { recursive: true })
const write = (result: unknown) => {
  const json = JSON.stringify(result, null, 2)
  writeFileSync(join(resultsDir, 'scale-out.json'), `${json}\n`)
  process.stdout.write(`${json}\n`)
}

const unavailable = testNetworkUnavailable()
if (unavailable) {
  write({ problems: [`test networks cannot be made here: ${unavailable}`] })
  process.exit(1)
}

const started = performance.now()
const cluster = await ScaleOutCluster.start({ backend, network: 'solong', subnet: '10.231.8' })
const problems: string[] = []
let keep = false
try {
  const scenario = await runScaleOut(cluster, {
    ...defaultOptions,
    rounds: size('SCALE_OUT_ROUNDS', 5),
    clients,
    faults,
    typeBeforeMs: size('SCALE_OUT_TYPE_BEFORE_MS', 5_000),
    onProgress: progress,
  })
  problems.push(...scenario.problems)
  let freshWorkspace: Record<string, unknown> | undefined
  if (backend === 'postgres') {
    const fresh = new FreshWorkspaces(cluster)
    try {
      const login = await setupThenLoginElsewhere(fresh, size('SCALE_OUT_LOGIN_RUNS', 50))
      progress(`setup on r1, sign-in on r2: ${login.loginStatuses.join(' ')}`)
      const race = await simultaneousSetups(fresh, size('SCALE_OUT_SETUP_RACES', 10))
      progress(`simultaneous setups: ${race.statuses.map((pair) => pair.join('/')).join(' ')}`)
      const cold = await coldStartTrio(fresh)
      progress(
        `cold start: sign-in ${cold.emptySignIn.join(' ')}, after setup ${cold.signInAfterSetup.join(' ')}`,
      )
      freshWorkspace = { login, race, cold }
      problems.push(...login.problems, ...race.problems, ...cold.problems)
    } catch (error) {
      problems.push(`the fresh-workspace checks failed: ${(error as Error).stack ?? error}`)
    } finally {
      await fresh.close()
    }
  }
  keep = problems.length > 0
  write({
    ...scenario,
    freshWorkspace,
    seconds: Math.round((performance.now() - started) / 1000),
    ...(keep ? { dataDirectory: cluster.dataDirectory, postgresData: cluster.postgres.dataDir } : {}),
    problems,
  })
} finally {
  await cluster.destroy(keep)
}
if (problems.length > 0) {
  progress(`${problems.length} problems`)
  process.exitCode = 1
}
