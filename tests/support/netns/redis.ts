import type { HostProcess, TestHost } from './network.js'

export interface HostedRedis {
  host: TestHost
  url: string
  readonly process: HostProcess | undefined
  /** Starts redis-server again (empty: it keeps nothing on disk). */
  start(): Promise<void>
  /** SIGKILL. */
  kill(): Promise<void>
}

/** `redis-server` inside the host on its network address, keeping nothing on disk. */
export async function startRedisIn(host: TestHost, port = 6379): Promise<HostedRedis> {
  let current: HostProcess | undefined
  const start = async () => {
    let ready: () => void = () => undefined
    const readied = new Promise<void>((resolve) => {
      ready = resolve
    })
    const child = host.spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        host.address,
        '--protected-mode',
        'no',
        '--save',
        '',
        '--appendonly',
        'no',
      ],
      {
        onLine(line) {
          if (line.includes('Ready to accept connections')) ready()
        },
      },
    )
    const outcome = await Promise.race([
      readied.then(() => 'ready' as const),
      child.exited.then(() => 'exited' as const),
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 15_000).unref()),
    ])
    if (outcome !== 'ready') {
      await child.kill()
      throw new Error(
        `redis-server in ${host.name}: ${outcome} (apt-get install redis-server)\n${child.tail.join('\n')}`,
      )
    }
    current = child
  }
  await start()
  return {
    host,
    url: `redis://${host.address}:${port}`,
    get process() {
      return current
    },
    start,
    async kill() {
      await current?.kill()
    },
  }
}
