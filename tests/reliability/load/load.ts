import { runLoad, saveResult } from './load-run.js'

const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback)

const result = await runLoad({
  documents: setting('LOAD_DOCUMENTS', 25),
  clientsPerDocument: setting('LOAD_CLIENTS', 20),
  durationMs: setting('LOAD_SECONDS', 60) * 1000,
  keystrokeIntervalMs: setting('LOAD_KEYSTROKE_MS', 2000),
  sampleEveryMs: 1000,
  seed: setting('LOAD_SEED', 1),
  onProgress: (line) => process.stderr.write(`[load] ${line}\n`),
})
saveResult('load', result)
if (result.problems.length > 0) process.exitCode = 1
