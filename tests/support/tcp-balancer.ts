import net from 'node:net'

export interface BalancerTarget {
  host: string
  port: number
}

export interface TcpBalancerOptions {
  /** Where the balancer listens: 127.0.0.1 and a free port unless given. */
  host?: string
  port?: number
  /**
   * Gives up on a target that has not accepted the connection within this time and tries the next, as a
   * balancer does with a host that has gone silent (its link cut). No limit unless given.
   */
  connectTimeoutMs?: number
  /** Called for every connection once a target has accepted it, with the client's socket. */
  onRouted?: (target: BalancerTarget, client: net.Socket) => void
}

export interface TcpBalancer {
  host: string
  port: number
  /** Which target each connection went to, in order: its port. */
  routed: number[]
  /** The same, as `host:port`. */
  routedTo: string[]
  close(): Promise<void>
}

/**
 * A round-robin TCP load balancer, as nginx in front of replicas: each new connection goes to the next target
 * that accepts it, so a client whose replica died reconnects to one that lives. A target given as a bare port
 * is on 127.0.0.1.
 */
export function startTcpBalancer(
  targetList: readonly (number | BalancerTarget)[],
  options: TcpBalancerOptions = {},
): Promise<TcpBalancer> {
  const targets = targetList.map((target) =>
    typeof target === 'number' ? { host: '127.0.0.1', port: target } : target,
  )
  const sockets = new Set<net.Socket>()
  const routed: number[] = []
  const routedTo: string[] = []
  let next = 0
  const connectToLiving = (client: net.Socket, tries: number): void => {
    const target = targets[next++ % targets.length] as BalancerTarget
    const upstream = net.connect({ host: target.host, port: target.port })
    let connected = false
    const timer =
      options.connectTimeoutMs === undefined
        ? undefined
        : setTimeout(() => upstream.destroy(new Error('connect timed out')), options.connectTimeoutMs)
    upstream.once('connect', () => {
      clearTimeout(timer)
      if (client.destroyed) {
        upstream.destroy()
        return
      }
      connected = true
      routed.push(target.port)
      routedTo.push(`${target.host}:${target.port}`)
      options.onRouted?.(target, client)
      sockets.add(upstream)
      upstream.once('close', () => sockets.delete(upstream))
      client.pipe(upstream).pipe(client)
      upstream.once('close', () => client.destroy())
      client.once('close', () => upstream.destroy())
    })
    upstream.on('error', () => {
      clearTimeout(timer)
      upstream.destroy()
      if (connected || client.destroyed) client.destroy()
      else if (tries + 1 < targets.length) connectToLiving(client, tries + 1)
      else client.destroy()
    })
  }
  const server = net.createServer((client) => {
    sockets.add(client)
    client.on('error', () => client.destroy())
    client.once('close', () => sockets.delete(client))
    connectToLiving(client, 0)
  })
  const host = options.host ?? '127.0.0.1'
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, host, () => {
      resolve({
        host,
        port: (server.address() as net.AddressInfo).port,
        routed,
        routedTo,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy()
            server.close(() => done())
          }),
      })
    })
  })
}
