import { spawnSync } from 'node:child_process'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestNetwork, type TestNetwork, testNetworkUnavailable } from './network.js'

const unavailable = testNetworkUnavailable()
const title = 'test networks of namespaces'

/** Asks, from the client host, whether host:port accepts a TCP connection within a second. */
function reaches(network: TestNetwork, address: string, port: number): Promise<boolean> {
  const probe = network.host('client').spawn(process.execPath, [
    '-e',
    `const s = require('node:net').connect(${port}, '${address}')
     s.setTimeout(1000, () => process.exit(1))
     s.once('connect', () => process.exit(0))
     s.once('error', () => process.exit(1))`,
  ])
  return probe.exited.then(({ code }) => code === 0)
}

const namespaces = () =>
  spawnSync('ip', ['netns', 'list'], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter((line) => line.startsWith('rbk-nettest-'))

describe.skipIf(unavailable !== undefined)(unavailable ? `${title} (skipped: ${unavailable})` : title, () => {
  let network: TestNetwork

  beforeAll(async () => {
    network = await createTestNetwork('nettest', { hosts: ['server', 'client'], subnet: '10.231.6' })
  })
  afterAll(async () => {
    await network?.destroy()
  })

  it('gives each host its own address, joins them, and cuts and restores one host’s link', async () => {
    const server = network.host('server')
    expect(server.address).toBe('10.231.6.10')
    expect(server.run('ip', ['-4', '-o', 'addr', 'show', 'dev', 'eth0'])).toContain('10.231.6.10/24')
    expect(server.run('ip', ['route'])).not.toContain('default')
    const listener = server.spawn(process.execPath, [
      '-e',
      `require('node:net').createServer((s) => s.end())
         .listen(7000, '${server.address}', () => console.log('up'))`,
    ])
    await expect.poll(() => listener.tail).toContain('up')
    expect(await reaches(network, server.address, 7000)).toBe(true)
    server.cutLink()
    expect(server.linkUp).toBe(false)
    expect(await reaches(network, server.address, 7000)).toBe(false)
    server.restoreLink()
    await expect.poll(() => reaches(network, server.address, 7000), { timeout: 10_000 }).toBe(true)
  })

  it('runs a process as another user, and reaches the root namespace’s own address', async () => {
    const whoami = network.host('client').spawn('id', ['-un'], { user: 'postgres' })
    await whoami.exited
    expect(whoami.tail).toEqual(['postgres'])
    expect(network.rootAddress).toBe('10.231.6.1')
  })

  it('kills what it started and leaves no namespace behind', async () => {
    const sleeper = network.host('server').spawn('sleep', ['600'])
    const stopped = network.host('client').spawn('sleep', ['600'])
    stopped.signal('SIGSTOP')
    await network.destroy()
    expect(await sleeper.exited).toEqual({ code: null, signal: 'SIGKILL' })
    expect(await stopped.exited).toEqual({ code: null, signal: 'SIGKILL' })
    expect(namespaces()).toEqual([])
    expect(spawnSync('ip', ['link', 'show', 'rbk-nettest-t']).status).not.toBe(0)
  })
})
