import { join } from 'node:path'
import { repoRoot } from '../server-process.js'
import type { HostProcess, TestHost } from './network.js'

const serverEntry = join(repoRoot, 'server', 'dist', 'main.js')

export interface HostedServer {
  host: TestHost
  process: HostProcess
  port: number
  httpUrl: string
  collabUrl: string
  dataDir: string
  /** Every log line the server printed, parsed. */
  logs: Record<string, unknown>[]
  /** SIGTERM and wait (SIGKILL after 10 s): the server stores what is pending before it exits. */
  stop(): Promise<void>
  /** SIGKILL: no chance to store anything more. */
  kill(): Promise<void>
  /** SIGSTOP: the process stays, its sockets stay open, nothing answers. */
  pause(): void
  /** SIGCONT. */
  resume(): void
}

export interface ServerInHostOptions {
  dataDir: string
  port: number
  env?: Record<string, string>
  /** How long the server may take to listen. */
  timeoutMs?: number
}

/** Starts the built server (`server/dist/main.js`) inside the host, listening on all its addresses. */
export async function startServerIn(host: TestHost, options: ServerInHostOptions): Promise<HostedServer> {
  const logs: Record<string, unknown>[] = []
  let listening: (port: number) => void = () => undefined
  const listened = new Promise<number>((resolve) => {
    listening = resolve
  })
  const child = host.spawn(process.execPath, [serverEntry], {
    env: {
      ...process.env,
      PORT: String(options.port),
      HOST: '0.0.0.0',
      REMBUK_DATA_DIR: options.dataDir,
      LOG_LEVEL: 'info',
      ...options.env,
    },
    onLine(line, stream) {
      if (stream !== 'stdout') return
      try {
        const entry = JSON.parse(line) as Record<string, unknown>
        logs.push(entry)
        if (entry.msg === 'listening' && typeof entry.port === 'number') listening(entry.port)
      } catch {
        logs.push({ raw: line })
      }
    },
  })
  const timeoutMs = options.timeoutMs ?? 30_000
  let timer: NodeJS.Timeout | undefined
  const outcome = await Promise.race([
    listened.then((port) => ({ port })),
    child.exited.then(({ code, signal }) => ({ exited: `exited with ${code ?? signal}` })),
    new Promise<{ exited: string }>((resolve) => {
      timer = setTimeout(() => resolve({ exited: `did not listen within ${timeoutMs} ms` }), timeoutMs)
    }),
  ])
  clearTimeout(timer)
  if ('exited' in outcome) {
    await child.kill()
    throw new Error(
      `the server in ${host.name} ${outcome.exited} before listening:\n${child.tail.slice(-30).join('\n')}`,
    )
  }
  const base = `${host.address}:${outcome.port}`
  return {
    host,
    process: child,
    port: outcome.port,
    httpUrl: `http://${base}`,
    collabUrl: `ws://${base}/collab`,
    dataDir: options.dataDir,
    logs,
    stop: () => child.stop('SIGTERM', 10_000),
    kill: () => child.kill(),
    pause: () => child.signal('SIGSTOP'),
    resume: () => child.signal('SIGCONT'),
  }
}
