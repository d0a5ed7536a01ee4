import net from 'node:net'
import type { ScaleOutCluster } from './cluster.js'
import { replicaPort } from './cluster.js'

export const faultKinds = ['kill', 'stop', 'redis', 'cut', 'postgres'] as const
export type FaultKind = (typeof faultKinds)[number]

export const faultNames: Record<FaultKind, string> = {
  kill: 'a replica killed (SIGKILL), started again on a fresh data directory',
  stop: 'a replica stopped (SIGSTOP), then continued (SIGCONT)',
  redis: 'Redis killed (SIGKILL), restarted empty',
  cut: "a replica's link cut, then restored",
  postgres: 'PostgreSQL restarted (fast stop, start, same data)',
}

export interface FaultTimings {
  /** How long a killed replica stays down before it is started again. */
  killDownMs: number
  stopMs: number
  redisDownMs: number
  cutMs: number
}

export const defaultTimings: FaultTimings = {
  killDownMs: 2_000,
  stopMs: 15_000,
  redisDownMs: 20_000,
  cutMs: 20_000,
}

export interface AppliedFault {
  kind: FaultKind
  /** The replica it hit, or `redis` / `postgres`. */
  target: string
  /** performance.now() when the fault began and when the harness had undone it. */
  startedAt: number
  endedAt: number
  /** What the harness saw that shows the fault took hold and was undone. */
  observed: string[]
  /** What it saw that shows it did not. */
  problems: string[]
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Whether a TCP connection to host:port is accepted within `timeoutMs`. */
export function tcpAccepts(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port })
    const done = (accepted: boolean) => {
      socket.destroy()
      resolve(accepted)
    }
    socket.setTimeout(timeoutMs, () => done(false))
    socket.once('connect', () => done(true))
    socket.once('error', () => done(false))
  })
}

/** The status of GET /health, or undefined when nothing answers within `timeoutMs`. */
export async function healthOf(httpUrl: string, timeoutMs: number): Promise<number | undefined> {
  try {
    const response = await fetch(`${httpUrl}/health`, { signal: AbortSignal.timeout(timeoutMs) })
    await response.body?.cancel()
    return response.status
  } catch {
    return undefined
  }
}

async function answersWithin(httpUrl: string, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs
  while (performance.now() < deadline) {
    if ((await healthOf(httpUrl, 1_000)) === 200) return true
    await sleep(100)
  }
  return false
}

/** Applies one fault, waits out its length, undoes it, and answers what it saw. */
export async function applyFault(
  cluster: ScaleOutCluster,
  kind: FaultKind,
  victim: string,
  timings: FaultTimings,
): Promise<AppliedFault> {
  const observed: string[] = []
  const problems: string[] = []
  const startedAt = performance.now()
  const target = kind === 'redis' || kind === 'postgres' ? kind : victim
  const see = (holds: boolean, what: string) =>
    (holds ? observed : problems).push(holds ? what : `not ${what}`)

  if (kind === 'kill') {
    const replica = cluster.replica(victim)
    const routedBefore = cluster.balancer?.routedTo.length ?? 0
    await replica.kill()
    const { signal } = await replica.process.exited
    see(signal === 'SIGKILL', `${victim} ended by SIGKILL`)
    await sleep(timings.killDownMs)
    const rerouted = (cluster.balancer?.routedTo ?? []).slice(routedBefore)
    observed.push(
      `${rerouted.length} connections went through the balancer meanwhile, ` +
        `to ${[...new Set(rerouted)].join(', ') || 'nobody'}`,
    )
    const fresh = cluster.options.backend === 'postgres'
    const again = await cluster.startReplica(victim, fresh)
    see(
      true,
      `${victim} listening again on ${fresh ? 'a fresh data directory' : 'the data directory it had'}: ` +
        again.dataDir,
    )
  } else if (kind === 'stop') {
    const replica = cluster.replica(victim)
    replica.pause()
    await sleep(1_000)
    see((await healthOf(replica.httpUrl, 1_000)) === undefined, `${victim} silent while stopped`)
    await sleep(Math.max(0, timings.stopMs - (performance.now() - startedAt)))
    replica.resume()
    see(await answersWithin(replica.httpUrl, 10_000), `${victim} answering after SIGCONT`)
  } else if (kind === 'redis') {
    const { host } = cluster.redis
    const port = Number(new URL(cluster.redis.url).port)
    await cluster.redis.kill()
    see(!(await tcpAccepts(host.address, port, 1_000)), 'Redis refusing connections')
    await sleep(Math.max(0, timings.redisDownMs - (performance.now() - startedAt)))
    await cluster.redis.start()
    see(await tcpAccepts(host.address, port, 1_000), 'Redis accepting connections again, empty')
  } else if (kind === 'cut') {
    const host = cluster.host(victim)
    host.cutLink()
    see(!(await tcpAccepts(host.address, replicaPort, 1_000)), `${victim} unreachable with its link cut`)
    await sleep(Math.max(0, timings.cutMs - (performance.now() - startedAt)))
    host.restoreLink()
    see(await answersWithin(cluster.replica(victim).httpUrl, 10_000), `${victim} reachable again`)
  } else {
    const before = performance.now()
    await cluster.postgres.stopFast()
    const stopped = await cluster.postgres.process?.exited
    see(stopped?.code === 0, `PostgreSQL shut down cleanly (exit ${stopped?.code ?? stopped?.signal})`)
    await cluster.postgres.start()
    const rows = await cluster.postgres.query<{ one: number }>('SELECT 1 AS one')
    see(rows[0]?.one === 1, `PostgreSQL answering again after ${Math.round(performance.now() - before)} ms`)
  }
  return { kind, target, startedAt, endedAt: performance.now(), observed, problems }
}

/** How long a fault of this kind takes to apply and undo, about. */
export function faultLengthMs(kind: FaultKind, timings: FaultTimings): number {
  const restart = 5_000
  return {
    kill: timings.killDownMs + restart,
    stop: timings.stopMs + 2_000,
    redis: timings.redisDownMs + 1_000,
    cut: timings.cutMs + 2_000,
    postgres: restart,
  }[kind]
}
