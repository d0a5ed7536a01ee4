import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { repoRoot } from '../../support/server-process.js'
import type { Competitor } from './competitors.js'
import type { WorkloadResult } from './report.js'
import type { WorkloadConfig } from './workload.js'

const here = dirname(fileURLToPath(import.meta.url))

/** The workload in its own process (config written to `workDir`), so the caller only orchestrates. */
export function runWorkload(
  competitor: Competitor,
  timing: { intervalMs: number; seconds: number },
  workDir: string,
): Promise<WorkloadResult> {
  const config: WorkloadConfig = {
    client: competitor.client,
    url: competitor.url,
    pid: competitor.pid,
    seats: competitor.seats,
    ...timing,
  }
  const file = join(workDir, `workload-${competitor.pid}.json`)
  writeFileSync(file, JSON.stringify(config))
  const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'workload.ts'), file], {
    cwd: join(repoRoot, 'tests'),
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  let out = ''
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString()
  })
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      const last = out.trim().split('\n').at(-1) ?? ''
      if (code === 0) resolve(JSON.parse(last) as WorkloadResult)
      else reject(new Error(`workload exited with ${code}: ${out}`))
    })
  })
}
