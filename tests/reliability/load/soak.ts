import { heldBytesPerKeystroke } from './load-doc-memory.js'
import { runLoad, saveResult } from './load-run.js'
import { round } from './load-sampler.js'

const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback)
const minutes = setting('SOAK_MINUTES', 10)
const clientsPerDocument = setting('SOAK_CLIENTS', 20)
/**
 * Growth a minute allowed beyond what the documents themselves come to hold as they are typed into. At the
 * default 50 keystrokes a second over 500 connections, 1 MiB a minute is ~350 bytes kept per keystroke or
 * ~2 KiB per connection a minute: a leak on every update or on every connection shows within the run.
 */
const leakToleranceMbPerMin = 1

const bytesPerKeystroke = heldBytesPerKeystroke(clientsPerDocument, 4000)
const result = await runLoad({
  documents: setting('SOAK_DOCUMENTS', 25),
  clientsPerDocument,
  durationMs: minutes * 60_000,
  // Slower than the load run's 2 s: what the documents rightly grow by stays small beside the tolerance.
  keystrokeIntervalMs: setting('SOAK_KEYSTROKE_MS', 10_000),
  sampleEveryMs: 5000,
  gcEveryMs: 30_000,
  seed: setting('SOAK_SEED', 1),
  onProgress: (line) => process.stderr.write(`[soak] ${line}\n`),
})

const documentsMbPerMin = (bytesPerKeystroke * result.keystrokes) / minutes / 2 ** 20
const allowedMbPerMin = round(documentsMbPerMin + leakToleranceMbPerMin)
const { beforeClientsMb, afterUnloadMb } = result.heapAfterGc ?? {}
const growth = {
  /** Heap a Yjs document keeps per keystroke, measured here by building one as the server does. */
  documentBytesPerKeystroke: bytesPerKeystroke,
  documentsMbPerMin: round(documentsMbPerMin),
  allowedMbPerMin,
  slopesMbPerMinSecondHalf: {
    rss: result.rss.slopeMbPerMinSecondHalf,
    rssAfterGc: result.afterGc?.rssSlopeMbPerMinSecondHalf,
    heapAfterGc: result.afterGc?.heapSlopeMbPerMinSecondHalf,
  },
  /** Includes code compiled and caches filled on the first use of the collaboration paths. */
  heapKeptAfterUnloadMb: round((afterUnloadMb ?? Number.NaN) - (beforeClientsMb ?? Number.NaN)),
}
// RSS right after each forced collection is reported, not judged: how much V8 hands back varies.
for (const measure of ['rss', 'heapAfterGc'] as const) {
  const slope = growth.slopesMbPerMinSecondHalf[measure]
  if (slope === undefined || slope > allowedMbPerMin) {
    result.problems.push(
      `${measure} grew ${slope} MiB a minute over the second half; allowed ${allowedMbPerMin} ` +
        `(${growth.documentsMbPerMin} for the documents' own growth, ${leakToleranceMbPerMin} beyond)`,
    )
  }
}
saveResult('soak', { ...result, growth })
if (result.problems.length > 0) process.exitCode = 1
