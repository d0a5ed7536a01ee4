import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BalancerTarget } from '../tcp-balancer.js'
import type { HostProcess, TestHost } from './network.js'

const here = dirname(fileURLToPath(import.meta.url))
const testsDir = join(here, '..', '..')

export interface HostedBalancer {
  host: TestHost
  process: HostProcess
  port: number
  httpUrl: string
  collabUrl: string
  /** Which target (`host:port`) each connection went to, in order. */
  routedTo: string[]
  /** The same, with the client's `address:port` each came from. */
  routes: { from: string; to: string }[]
  stop(): Promise<void>
}

export interface BalancerInHostOptions {
  port: number
  /** Gives up on a target that does not accept within this time and tries the next. */
  connectTimeoutMs?: number
}

/** The round-robin TCP balancer of `tests/support/tcp-balancer.ts`, as a process inside the host. */
export async function startBalancerIn(
  host: TestHost,
  targets: readonly BalancerTarget[],
  options: BalancerInHostOptions,
): Promise<HostedBalancer> {
  const routedTo: string[] = []
  const routes: { from: string; to: string }[] = []
  let listening: (port: number) => void = () => undefined
  const listened = new Promise<number>((resolve) => {
    listening = resolve
  })
  const child = host.spawn(process.execPath, ['--import', 'tsx', join(here, 'balancer-main.ts')], {
    cwd: testsDir,
    env: {
      ...process.env,
      REMBUK_BALANCER: JSON.stringify({
        host: host.address,
        port: options.port,
        targets,
        connectTimeoutMs: options.connectTimeoutMs,
      }),
    },
    onLine(line, stream) {
      if (stream !== 'stdout') return
      try {
        const entry = JSON.parse(line) as { routed?: string; from?: string; listening?: { port: number } }
        if (entry.routed) {
          routedTo.push(entry.routed)
          routes.push({ from: entry.from ?? '', to: entry.routed })
        }
        if (entry.listening) listening(entry.listening.port)
      } catch {
        // not one of its lines
      }
    },
  })
  const outcome = await Promise.race([
    listened,
    child.exited.then(() => undefined),
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 20_000).unref()),
  ])
  if (outcome === undefined) {
    await child.kill()
    throw new Error(`the balancer in ${host.name} did not listen:\n${child.tail.join('\n')}`)
  }
  const base = `${host.address}:${outcome}`
  return {
    host,
    process: child,
    port: outcome,
    httpUrl: `http://${base}`,
    collabUrl: `ws://${base}/collab`,
    routedTo,
    routes,
    stop: () => child.stop('SIGTERM', 5_000),
  }
}
