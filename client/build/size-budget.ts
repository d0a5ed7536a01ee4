import { gzipSync } from 'node:zlib'
import type { Plugin, Rollup } from 'vite'

type OutputChunk = Rollup.OutputChunk
type OutputBundle = Rollup.OutputBundle

/**
 * Reports the gzipped JavaScript of the first screen (the entry chunk and every chunk it imports statically)
 * and of each lazily loaded route, and fails the build when the first screen is over `firstScreenKiB`.
 */
export function sizeBudget(options: { firstScreenKiB: number }): Plugin {
  return {
    name: 'rembuk-size-budget',
    apply: 'build',
    generateBundle(_, bundle) {
      const chunks = Object.values(bundle).filter((file): file is OutputChunk => file.type === 'chunk')
      const gzipped = (chunk: OutputChunk) => gzipSync(chunk.code, { level: 9 }).length
      const entry = chunks.find((chunk) => chunk.isEntry)
      if (!entry) return
      const firstScreen = staticClosure(entry, bundle)
      const firstBytes = [...firstScreen].reduce((sum, chunk) => sum + gzipped(chunk), 0)
      const lazy = chunks
        .filter((chunk) => chunk.isDynamicEntry)
        .map((chunk) => {
          const own = [...staticClosure(chunk, bundle)].filter((c) => !firstScreen.has(c))
          return { route: chunk.name, kib: round(own.reduce((sum, c) => sum + gzipped(c), 0) / 1024) }
        })
      const report = { firstScreenKiB: round(firstBytes / 1024), budgetKiB: options.firstScreenKiB, lazy }
      this.info(`JavaScript, gzipped: ${JSON.stringify(report)}`)
      this.emitFile({
        type: 'asset',
        fileName: 'size-report.json',
        source: `${JSON.stringify(report, null, 2)}\n`,
      })
      if (firstBytes / 1024 > options.firstScreenKiB) {
        this.error(
          `The first screen needs ${report.firstScreenKiB} KiB of gzipped JavaScript, over the budget of ${options.firstScreenKiB} KiB`,
        )
      }
    },
  }
}

const round = (value: number) => Math.round(value * 10) / 10

function staticClosure(root: OutputChunk, bundle: OutputBundle): Set<OutputChunk> {
  const seen = new Set<OutputChunk>()
  const visit = (chunk: OutputChunk) => {
    if (seen.has(chunk)) return
    seen.add(chunk)
    for (const name of chunk.imports) {
      const next = bundle[name]
      if (next?.type === 'chunk') visit(next)
    }
  }
  visit(root)
  return seen
}
