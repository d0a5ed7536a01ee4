import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ScaleOutCluster } from '../reliability/scale-out/cluster.js'
import {
  coldStartTrio,
  FreshWorkspaces,
  setupThenLoginElsewhere,
  simultaneousSetups,
} from '../reliability/scale-out/fresh-workspace.js'
import { defaultOptions, runScaleOut } from '../reliability/scale-out/scale-out-run.js'
import { testNetworkUnavailable } from '../support/netns/network.js'

const unavailable = testNetworkUnavailable()
const network = 'soe2e'
const title = 'three replicas on hosts of their own, sharing PostgreSQL and Redis, behind a balancer'

describe.skipIf(unavailable !== undefined)(unavailable ? `${title} (skipped: ${unavailable})` : title, () => {
  let cluster: ScaleOutCluster | undefined
  let fresh: FreshWorkspaces | undefined

  beforeAll(async () => {
    process.setMaxListeners(40)
    cluster = await ScaleOutCluster.start({ backend: 'postgres', network, subnet: '10.231.7' })
    fresh = new FreshWorkspaces(cluster)
  }, 60_000)
  afterAll(async () => {
    await fresh?.close()
    await cluster?.destroy()
    const left = spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' }).stdout
    expect(left.split('\n').filter((line) => line.startsWith(`rbk-${network}-`))).toEqual([])
  }, 60_000)

  it('loses nothing and stores nothing twice through one round of each fault', async () => {
    const result = await runScaleOut(cluster as ScaleOutCluster, {
      ...defaultOptions,
      rounds: 1,
      typeBeforeMs: 2_000,
      deadline: performance.now() + 200_000,
    })
    const summary = result.byFault.map((fault) => ({
      fault: fault.name,
      survived: fault.survived,
      lost: fault.lost,
      duplicated: fault.duplicated,
      logProblems: fault.logProblems,
    }))
    expect(result.problems).toEqual([])
    expect(summary).toEqual(
      result.byFault.map((fault) => ({
        fault: fault.name,
        survived: 1,
        lost: 0,
        duplicated: 0,
        logProblems: 0,
      })),
    )
    expect(result.keystrokes.typed).toBeGreaterThan(1000)
    expect(result.keystrokes).toMatchObject({ lost: 0, duplicated: 0, stored: result.keystrokes.typed })
    expect(result.rounds.every((round) => round.healSeconds !== null)).toBe(true)
  }, 290_000)

  it('fresh workspace: a principal set up on r1 signs in at once on r2, in 10 fresh runs', async () => {
    const { loginStatuses, problems } = await setupThenLoginElsewhere(fresh as FreshWorkspaces, 10)
    expect(problems).toEqual([])
    expect(loginStatuses).toEqual(Array(10).fill(200))
  }, 200_000)

  it('fresh workspace: two simultaneous setups on r1 and r2 give one 201 and one 409', async () => {
    const { statuses, problems } = await simultaneousSetups(fresh as FreshWorkspaces, 2)
    expect(problems).toEqual([])
    for (const pair of statuses) expect([...pair].sort()).toEqual([201, 409])
  }, 60_000)

  it('fresh workspace: three replicas cold-started at once all answer sign-in', async () => {
    const cold = await coldStartTrio(fresh as FreshWorkspaces)
    expect(cold.problems).toEqual([])
    expect(cold.listening).toEqual([true, true, true])
    for (const status of cold.emptySignIn) expect(status).toBeLessThan(500)
    expect(cold.signInAfterSetup).toEqual([200, 200, 200])
  }, 60_000)
})
