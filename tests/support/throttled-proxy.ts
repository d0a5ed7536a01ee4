import net from 'node:net'

export interface ThrottledProxyOptions {
  target: { host: string; port: number }
  /** Per connection, server→client. */
  bytesPerSecond: number
  /** Limit client→server to `bytesPerSecond` as well. */
  throttleBothWays?: boolean
}

export interface ThrottledProxy {
  port: number
  /** Stops listening and destroys every live connection. */
  close(): Promise<void>
}

const SLICE_MS = 50
const MAX_QUEUED_BYTES = 64 * 1024

/**
 * A TCP proxy on 127.0.0.1 that forwards to `target`, slowed to `bytesPerSecond` per connection. When one
 * side closes, the other is ended once what is queued for it is written, then destroyed.
 */
export function startThrottledProxy(options: ThrottledProxyOptions): Promise<ThrottledProxy> {
  const connections = new Set<() => void>()
  const server = net.createServer({ allowHalfOpen: true }, (client) => {
    const upstream = net.connect({ ...options.target, allowHalfOpen: true })
    const stops = [pump(upstream, client, options.bytesPerSecond)]
    if (options.throttleBothWays) stops.push(pump(client, upstream, options.bytesPerSecond))
    else client.pipe(upstream)
    const destroy = () => {
      for (const stop of stops) stop()
      client.destroy()
      upstream.destroy()
      connections.delete(destroy)
    }
    connections.add(destroy)
    for (const [socket, other] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      socket.on('error', destroy)
      socket.on('close', () => {
        if (other.destroyed) destroy()
        else if (other.writableFinished) other.destroy()
        else other.once('finish', () => other.destroy())
      })
    }
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo
      resolve({
        port,
        close: () =>
          new Promise((done) => {
            server.close(() => done())
            for (const destroy of [...connections]) destroy()
          }),
      })
    })
  })
}

/**
 * Forwards `from` to `to` at `bytesPerSecond` through a token bucket refilled every slice and holding at most
 * two slices' worth; ends `to` once `from` has ended and all it sent is written. Returns a stop function.
 */
function pump(from: net.Socket, to: net.Socket, bytesPerSecond: number): () => void {
  const queue: Buffer[] = []
  let queued = 0
  let ended = false
  let tokens = 0
  let lastRefill = performance.now()
  const capacity = Math.max(1, (2 * bytesPerSecond * SLICE_MS) / 1000)

  const send = () => {
    const now = performance.now()
    tokens = Math.min(capacity, tokens + ((now - lastRefill) * bytesPerSecond) / 1000)
    lastRefill = now
    while (tokens >= 1 && !to.writableNeedDrain && !to.destroyed) {
      const head = queue.shift()
      if (!head) break
      const size = Math.min(head.byteLength, Math.floor(tokens))
      if (size < head.byteLength) queue.unshift(head.subarray(size))
      queued -= size
      tokens -= size
      to.write(head.subarray(0, size))
    }
    if (queued < MAX_QUEUED_BYTES && from.isPaused()) from.resume()
    if (ended && queued === 0) {
      clearInterval(timer)
      to.end()
    }
  }
  const timer = setInterval(send, SLICE_MS)

  from.on('data', (chunk: Buffer) => {
    queue.push(chunk)
    queued += chunk.byteLength
    if (queued >= MAX_QUEUED_BYTES) from.pause()
    send()
  })
  from.on('end', () => {
    ended = true
    send()
  })
  return () => clearInterval(timer)
}
