import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { mkdirSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import { seatSchool } from '../../reliability/load/load-seats.js'
import { freePort } from '../../support/free-port.js'
import { startServerProcess } from '../../support/server-process.js'

export type ClientKind = 'y-websocket' | 'hocuspocus'

export interface Seat {
  docIndex: number
  docId: string
  token?: string
  /** The server this seat connects to, when there are several; else the competitor's `url`. */
  url?: string
}

export interface Competitor {
  name: string
  client: ClientKind
  pid: number
  url: string
  seats: Seat[]
  /**
   * When the competitor is several processes: those whose CPU and memory are summed, each with its
   * descendants (memory then as the sum of PSS); else `pid` alone.
   */
  processes?: number[]
  /** From spawning the process to its ready line, ms. */
  startMs: number
  /** Where it keeps what it stores, if anywhere. */
  dataDir?: string
  stop(): Promise<void>
}

export interface Sizes {
  documents: number
  clientsPerDocument: number
}

const here = dirname(fileURLToPath(import.meta.url))
const testsDir = join(here, '..', '..')

function plainSeats({ documents, clientsPerDocument }: Sizes, prefix: string): Seat[] {
  return Array.from({ length: documents * clientsPerDocument }, (_, k) => ({
    docIndex: k % documents,
    docId: `${prefix}-${k % documents}`,
  }))
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = once(child, 'exit')
  child.kill('SIGTERM')
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
  await exited
  clearTimeout(timer)
}

/** Runs an entry script of this folder as plain JavaScript in its own process; answers its ready line. */
async function startEntry(file: string, env: Record<string, string>, ready: RegExp) {
  const started = performance.now()
  const child = spawn(
    process.execPath,
    ['--input-type=module', '--eval', readFileSync(join(here, file), 'utf8')],
    {
      cwd: testsDir,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  const stderr: string[] = []
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()))
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
    lines.on('line', (text) => {
      if (ready.test(text)) resolve(text)
    })
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code}: ${stderr.join('')}`)))
  })
  return { child, line, pid: child.pid as number, startMs: Math.round(performance.now() - started) }
}

export async function startReference(sizes: Sizes, persistDir?: string): Promise<Competitor> {
  const port = await freePort()
  const env: Record<string, string> = { PORT: String(port) }
  if (persistDir) env.YPERSISTENCE = persistDir
  const { child, pid, startMs } = await startEntry('reference-server.ts', env, /^running at/)
  return {
    startMs,
    ...(persistDir ? { dataDir: persistDir } : {}),
    name: persistDir ? 'y-websocket-server + LevelDB' : 'y-websocket-server',
    client: 'y-websocket',
    pid,
    url: `ws://127.0.0.1:${port}`,
    seats: plainSeats(sizes, 'bench'),
    stop: () => stopChild(child),
  }
}

export async function startHocuspocus(sizes: Sizes, dataDir: string): Promise<Competitor> {
  mkdirSync(dataDir, { recursive: true })
  const { child, line, pid, startMs } = await startEntry(
    'hocuspocus-server.ts',
    { BENCH_DATA_DIR: dataDir },
    /"ready"/,
  )
  const { port } = JSON.parse(line) as { port: number }
  return {
    startMs,
    dataDir,
    name: 'Hocuspocus + SQLite',
    client: 'hocuspocus',
    pid,
    url: `ws://127.0.0.1:${port}`,
    seats: plainSeats(sizes, 'bench'),
    stop: () => stopChild(child),
  }
}

/** Rembuk as shipped; `nodeArgs` go to its Node (e.g. `--cpu-prof`). */
export async function startRembuk(
  sizes: Sizes,
  dataDir: string,
  nodeArgs: string[] = [],
): Promise<Competitor> {
  mkdirSync(dataDir, { recursive: true })
  const total = sizes.documents * sizes.clientsPerDocument
  const env = {
    REMBUK_MAX_CONNECTIONS_PER_MEMBER: String(Math.max(20, total)),
    REMBUK_MAX_MESSAGES_PER_SECOND: '10000',
  }
  const started = performance.now()
  const server = await startServerProcess(dataDir, env, nodeArgs)
  const startMs = Math.round(performance.now() - started)
  const { seats } = await seatSchool(server, { ...sizes, env })
  return {
    startMs,
    dataDir,
    name: 'Rembuk (SQLite, every update)',
    client: 'y-websocket',
    pid: server.child.pid as number,
    url: server.collabUrl,
    seats,
    stop: async () => void (await server.stop()),
  }
}
