import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { repoRoot, startServerProcess } from '../../support/server-process.js'
import type { FuzzLimits } from './fuzz-frames.js'
import { runFuzz } from './fuzzing.js'

const limits: FuzzLimits = {
  maxMessageBytes: 1024 * 1024,
  maxDocBytes: 4 * 1024 * 1024,
  maxConnectionsPerMember: 20,
  maxMessagesPerSecond: 100,
}
const collabCases = Number(process.env.FUZZ_COLLAB_CASES ?? 5000)
const socketCases = Number(process.env.FUZZ_SOCKET_CASES ?? 2000)
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31)
const concurrency = Number(process.env.FUZZ_CONCURRENCY ?? 6)
const kinds = process.env.FUZZ_KINDS?.split(',')
const progress = (line: string) => process.stderr.write(`[fuzz] ${line}\n`)

/** The server's resident memory now and at its peak, in MiB, from /proc (Linux); null elsewhere. */
function memoryMiB(pid: number | undefined): { rss: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const kB = (field: string) => Number(status.match(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm'))?.[1])
    return { rss: Math.round(kB('VmRSS') / 102.4) / 10, peak: Math.round(kB('VmHWM') / 102.4) / 10 }
  } catch {
    return null
  }
}

const dataDir = mkdtempSync(join(tmpdir(), 'rembuk-fuzz-'))
const server = await startServerProcess(dataDir, {
  REMBUK_MAX_MESSAGE_BYTES: String(limits.maxMessageBytes),
  REMBUK_MAX_DOC_BYTES: String(limits.maxDocBytes),
  REMBUK_MAX_CONNECTIONS_PER_MEMBER: String(limits.maxConnectionsPerMember),
  REMBUK_MAX_MESSAGES_PER_SECOND: String(limits.maxMessagesPerSecond),
})
progress(
  `server ${server.child.pid} on ${server.httpUrl}; seed ${seed}; ${collabCases} + ${socketCases} cases`,
)
let exitCode = 1
try {
  const result = await runFuzz({
    httpUrl: server.httpUrl,
    collabUrl: server.collabUrl,
    dbFile: join(dataDir, 'rembuk.db'),
    collabCases,
    socketCases,
    seed,
    concurrency,
    limits,
    kinds,
    onProgress: progress,
  })
  const alive = server.child.exitCode === null && server.child.signalCode === null
  const memory = memoryMiB(server.child.pid)
  if (!alive)
    result.problems.push(
      `the server process is gone (exit ${server.child.exitCode ?? server.child.signalCode})`,
    )
  const errors = new Map<string, { count: number; first: string }>()
  for (const entry of server.logs) {
    if (typeof entry.level !== 'number' || entry.level < 50) continue
    const key = `${entry.msg}: ${(entry.err as { message?: string } | undefined)?.message ?? ''}`
    const seen = errors.get(key) ?? { count: 0, first: JSON.stringify(entry).slice(0, 700) }
    errors.set(key, { ...seen, count: seen.count + 1 })
  }
  for (const [key, { count, first }] of errors)
    result.problems.push(`the server logged ${count}× "${key}"; the first: ${first}`)
  await server.stop()
  const { exitCode: code, signalCode } = server.child
  if (code !== 0 && signalCode !== 'SIGTERM')
    result.problems.push(`the server did not stop cleanly on SIGTERM: exit ${code ?? signalCode}`)
  const report = {
    ...result,
    limits,
    server: { alive, memoryMiB: memory },
    ...(result.problems.length > 0 ? { dataDir } : {}),
  }
  const resultsDir = join(repoRoot, 'tests', 'reliability', 'results')
  mkdirSync(resultsDir, { recursive: true })
  writeFileSync(join(resultsDir, 'fuzz.json'), `${JSON.stringify(report, null, 2)}\n`)
  process.stdout.write(`${JSON.stringify(report, null, 2)}\n`)
  exitCode = result.problems.length > 0 ? 1 : 0
} finally {
  await server.kill()
  if (exitCode === 0) rmSync(dataDir, { recursive: true, force: true })
}
process.exit(exitCode)
