import { type BalancerTarget, startTcpBalancer } from '../tcp-balancer.js'

/**
 * The TCP balancer as a process of its own, for a test host: its settings come as JSON in REMBUK_BALANCER,
 * and it prints one JSON line when it listens and one for every connection it routes (where from, where to).
 */
const settings = JSON.parse(process.env.REMBUK_BALANCER ?? '{}') as {
  host: string
  port: number
  targets: BalancerTarget[]
  connectTimeoutMs?: number
}
const print = (line: unknown) => process.stdout.write(`${JSON.stringify(line)}\n`)
const balancer = await startTcpBalancer(settings.targets, {
  host: settings.host,
  port: settings.port,
  connectTimeoutMs: settings.connectTimeoutMs,
  onRouted: (target, client) =>
    print({ routed: `${target.host}:${target.port}`, from: `${client.remoteAddress}:${client.remotePort}` }),
})
print({ listening: { host: balancer.host, port: balancer.port } })
process.once('SIGTERM', () => {
  void balancer.close().then(() => process.exit(0))
})
