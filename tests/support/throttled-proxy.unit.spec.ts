import { randomBytes } from 'node:crypto'
import net from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { startThrottledProxy, type ThrottledProxy } from './throttled-proxy.js'

const servers: net.Server[] = []
const proxies: ThrottledProxy[] = []

afterEach(async () => {
  await Promise.all(proxies.splice(0).map((proxy) => proxy.close()))
  await Promise.all(servers.splice(0).map((server) => new Promise((done) => server.close(done))))
})

async function listen(onConnection: (socket: net.Socket) => void): Promise<number> {
  const server = net.createServer(onConnection)
  servers.push(server)
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
  return (server.address() as net.AddressInfo).port
}

async function proxyTo(port: number, bytesPerSecond: number, throttleBothWays = false) {
  const proxy = await startThrottledProxy({
    target: { host: '127.0.0.1', port },
    bytesPerSecond,
    throttleBothWays,
  })
  proxies.push(proxy)
  return proxy
}

/** Connects, sends `payload` (then ends), and collects everything received until the server ends. */
function exchange(port: number, payload?: Buffer): Promise<{ received: Buffer; seconds: number }> {
  const started = performance.now()
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = []
    const socket = net.connect({ host: '127.0.0.1', port }, () => {
      if (payload) socket.end(payload)
    })
    socket.on('data', (part: Buffer) => parts.push(part))
    socket.on('error', reject)
    socket.on('end', () =>
      resolve({ received: Buffer.concat(parts), seconds: (performance.now() - started) / 1000 }),
    )
  })
}

describe('startThrottledProxy', () => {
  it('delivers what the server sends, intact, at about bytesPerSecond', async () => {
    const payload = randomBytes(150_000)
    const port = await listen((socket) => socket.end(payload))
    const proxy = await proxyTo(port, 200_000)

    const { received, seconds } = await exchange(proxy.port)

    expect(received.equals(payload)).toBe(true)
    expect(seconds).toBeGreaterThanOrEqual(0.8 * 0.75)
    expect(seconds).toBeLessThan(4 * 0.75)
  })

  it('throttles an echo both ways when asked to', async () => {
    const payload = randomBytes(100_000)
    const port = await listen((socket) => socket.pipe(socket))
    const proxy = await proxyTo(port, 200_000, true)

    const { received, seconds } = await exchange(proxy.port, payload)

    expect(received.equals(payload)).toBe(true)
    expect(seconds).toBeGreaterThanOrEqual(0.8 * 0.5)
    expect(seconds).toBeLessThan(4 * 0.5)
  })

  it('passes client data through unthrottled by default', async () => {
    const payload = randomBytes(300_000)
    const port = await listen((socket) => {
      let size = 0
      socket.on('data', (part: Buffer) => {
        size += part.byteLength
      })
      socket.on('end', () => socket.end(String(size)))
    })
    const proxy = await proxyTo(port, 10_000)

    const { received, seconds } = await exchange(proxy.port, payload)

    expect(received.toString()).toBe(String(payload.byteLength))
    expect(seconds).toBeLessThan(0.5 * (payload.byteLength / 10_000))
  })

  it('destroys live connections on close', async () => {
    const port = await listen((socket) => socket.write('hello'))
    const proxy = await proxyTo(port, 100_000)
    const socket = net.connect({ host: '127.0.0.1', port: proxy.port })
    await new Promise((done) => socket.once('data', done))
    const closed = new Promise((done) => socket.once('close', done))

    await proxy.close()

    await closed
    expect(socket.destroyed).toBe(true)
  })
})
