import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * Runs the long reliability checks one after another, each in its own process (they start their own servers),
 * and writes `results/summary.json`. Sizes come from each script's environment variables.
 */
const here = dirname(fileURLToPath(import.meta.url))
const results = join(here, 'results')
/** Each check: the folder of its script, and the script (which writes `results/<name>.json`). */
const checks = [
  ['crash', 'crash'],
  ['fuzz', 'fuzz'],
  ['load', 'load'],
  ['load', 'soak'],
  ['slow-link', 'slow-link'],
  ['scale-out', 'scale-out'],
] as const
const only = process.argv.slice(2)
mkdirSync(results, { recursive: true })

const summary: Record<string, unknown> = {}
let failed = 0
for (const [folder, name] of checks) {
  if (only.length > 0 && !only.includes(name)) continue
  process.stderr.write(`[reliability] ${name}\n`)
  const started = Date.now()
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(here, folder, `${name}.ts`)], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: process.env,
  })
  const file = join(results, `${name}.json`)
  const result = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as unknown) : undefined
  summary[name] = { exitCode: run.status, minutes: (Date.now() - started) / 60_000, result }
  if (run.status !== 0) failed += 1
}
writeFileSync(join(results, 'summary.json'), `${JSON.stringify(summary, null, 2)}\n`)
process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`)
process.exit(failed > 0 ? 1 : 0)
