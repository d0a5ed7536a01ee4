import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { runSlowLink } from './slow-link-run.js'

const results = join(dirname(fileURLToPath(import.meta.url)), '..', 'results')
const result = await runSlowLink({
  documentBytes: Number(process.env.SLOW_LINK_BYTES ?? 12 * 1024 * 1024),
  bytesPerSecond: Number(process.env.SLOW_LINK_BYTES_PER_SECOND ?? 200 * 1024),
  writers: Number(process.env.SLOW_LINK_WRITERS ?? 6),
})
mkdirSync(results, { recursive: true })
writeFileSync(join(results, 'slow-link.json'), `${JSON.stringify(result, null, 2)}\n`)
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
process.exit(result.problems.length > 0 ? 1 : 0)
