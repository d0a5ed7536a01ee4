import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { repoRoot } from '../../support/server-process.js'
import { runCrashRounds } from './crash-rounds.js'

const size = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback)
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer`)
  return value
}

const clients = size('CRASH_CLIENTS', 16)
// Each y-websocket provider adds a listener for the process's exit.
process.setMaxListeners(clients + 10)

const result = await runCrashRounds({
  rounds: size('CRASH_ROUNDS', 25),
  clients,
  documents: size('CRASH_DOCUMENTS', 4),
  typingIntervalMs: size('CRASH_TYPING_INTERVAL_MS', 40),
  killAfterMs: [300, 2500],
  flushMs: 40,
  snapshotEvery: 5,
  seed: size('CRASH_SEED', Date.now() % 2 ** 31),
  onProgress: (line) => process.stderr.write(`[crash] ${line}\n`),
})

const resultsDir = join(repoRoot, 'tests', 'reliability', 'results')
mkdirSync(resultsDir, { recursive: true })
const json = JSON.stringify(result, null, 2)
writeFileSync(join(resultsDir, 'crash.json'), `${json}\n`)
process.stdout.write(`${json}\n`)
if (result.problems.length > 0) {
  process.stderr.write(`[crash] ${result.problems.length} problems (seed ${result.seed})\n`)
  process.exitCode = 1
}
