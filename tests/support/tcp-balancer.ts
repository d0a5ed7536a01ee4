import net from 'node:net'

export interface TcpBalancer {
  port: number
  /** Which target each connection went to, in order. */
  routed: number[]
  close(): Promise<void>
}

/**
 * A round-robin TCP load balancer on 127.0.0.1, as nginx in front of replicas: each new connection goes to the
 * next target that accepts it, so a client whose replica died reconnects to one that lives.
 */
export function startTcpBalancer(targets: readonly number[]): Promise<TcpBalancer> {
  const sockets = new Set<net.Socket>()
  const routed: number[] = []
  let next = 0
  const connectToLiving = (client: net.Socket, tries: number): void => {
    const port = targets[next++ % targets.length] as number
    const upstream = net.connect({ host: '127.0.0.1', port })
    let connected = false
    upstream.once('connect', () => {
      connected = true
      routed.push(port)
      sockets.add(upstream)
      client.pipe(upstream).pipe(client)
      upstream.once('close', () => client.destroy())
      client.once('close', () => upstream.destroy())
    })
    upstream.on('error', () => {
      upstream.destroy()
      if (connected) client.destroy()
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
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({
        port: (server.address() as net.AddressInfo).port,
        routed,
        close: () =>
          new Promise<void>((done) => {
            for (const socket of sockets) socket.destroy()
            server.close(() => done())
          }),
      })
    })
  })
}
