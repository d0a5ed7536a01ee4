import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const serverEntry = join(repoRoot, 'server', 'dist', 'main.js')

export interface ServerProcess {
  child: ChildProcess
  port: number
  httpUrl: string
  collabUrl: string
  /** Every log line the server printed, parsed. */
  logs: Record<string, unknown>[]
  /** SIGTERM and wait: the server stores what is pending before it exits. */
  stop(): Promise<number | null>
  /** SIGKILL: no chance to store anything more. */
  kill(): Promise<void>
}

/** Starts the built server (`server/dist/main.js`) as its own process on a free port; `nodeArgs` go to Node. */
export async function startServerProcess(
  dataDir: string,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<ServerProcess> {
  const child = spawn(process.execPath, [...nodeArgs, serverEntry], {
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      REMBUK_DATA_DIR: dataDir,
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const logs: Record<string, unknown>[] = []
  const stderr: string[] = []
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()))
  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })
    lines.on('line', (line) => {
      try {
        const entry = JSON.parse(line) as Record<string, unknown>
        logs.push(entry)
        if (entry.msg === 'listening' && typeof entry.port === 'number') resolve(entry.port)
      } catch {
        logs.push({ raw: line })
      }
    })
    child.once('exit', (code) =>
      reject(new Error(`server exited with ${code} before listening: ${stderr.join('')}`)),
    )
  })
  const exited = once(child, 'exit')
  return {
    child,
    port,
    httpUrl: `http://127.0.0.1:${port}`,
    collabUrl: `ws://127.0.0.1:${port}/collab`,
    logs,
    async stop() {
      if (child.exitCode !== null) return child.exitCode
      child.kill('SIGTERM')
      const [code] = (await exited) as [number | null]
      return code
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return
      child.kill('SIGKILL')
      await exited
    },
  }
}
