export interface Percentiles {
  samples: number
  p50: number
  p95: number
  p99: number
  max: number
}

export function percentiles(values: number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number) => {
    const value = sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN
    return Math.round(value * 100) / 100
  }
  return { samples: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) }
}

export interface WorkloadResult {
  clients: number
  unsynced: number
  keystrokes: number
  latencyMs: Percentiles
  /** Every latency, when the workload ran in several generators and the caller merges them. */
  latencySamples?: number[]
  /**
   * With seats on several servers: latency to clients of the sender's server, and to clients of another
   * (the path between servers).
   */
  latencyByPathMs?: { sameServer: Percentiles; otherServer: Percentiles }
  latencyByPathSamples?: { sameServer: number[]; otherServer: number[] }
  deliveries: { expected: number; delivered: number; duplicates: number }
  convergence: { documents: number; converged: number; drainMs: number }
  /** The server process; for a competitor of several processes, all of them (memory as the sum of PSS). */
  server: { idleRssMb: number; rssMbMean: number; rssMbMax: number; cpuPctMean: number; cpuPctMax: number }
  /**
   * The whole machine's CPU while the clients typed, % of one core (200 is both of two cores busy): the
   * server, the generators and anything else running.
   */
  machineCpuPct?: number
  wireBytesPerKeystroke: { serverToClients: number; clientsToServer: number }
  generator: { cpuPct: number; loopDelayP99Ms: number }
}

export interface ServerResult {
  name: string
  workload?: WorkloadResult
  /** From spawning the server to its ready line, ms. */
  startMs?: number
  /** What it had on disk after the run and its stop (for Rembuk: with the school it was set up with). */
  diskBytes?: number
  error?: string
}

/** The round whose p99 is the median of the server's rounds (a failed round counts as the worst). */
export function medianRound(rounds: ServerResult[]): ServerResult {
  const p99 = (r: ServerResult) => r.workload?.latencyMs.p99 ?? Number.POSITIVE_INFINITY
  const sorted = [...rounds].sort((a, b) => p99(a) - p99(b))
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? { name: 'none', error: 'no rounds' }
}

const ratio = (value: number, reference: number | undefined) =>
  reference && Number.isFinite(value) ? `${(value / reference).toFixed(2)}x` : '–'

export function markdownTable(
  settings: { documents: number; clientsPerDocument: number; intervalMs: number; seconds: number },
  results: ServerResult[],
  rounds: ServerResult[][] = results.map((r) => [r]),
): string {
  const reference = results[0]?.workload
  const lines = [
    `Typing workload: ${settings.documents} documents x ${settings.clientsPerDocument} clients, one insert per client every ~${settings.intervalMs} ms (jittered 0.5–1.5x) for ${settings.seconds} s. Latency: sender's insert to each other client's observation, ms. Each row is the server's median round by p99 of ${rounds[0]?.length ?? 1} (servers in a shuffled order each round); ratios are to ${results[0]?.name}.`,
    '',
    '| server | p50 | p95 | p99 | max | p99 ratio | p99 of each round | delivered / expected | converged docs | RSS mean / max, MiB | RSS ratio | CPU mean / max, % | wire bytes per keystroke (down / up) | disk bytes per keystroke | start, ms | generator CPU % |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ]
  for (const [index, { name, workload: w, error, diskBytes, startMs }] of results.entries()) {
    const perRound = (rounds[index] ?? []).map((r) => r.workload?.latencyMs.p99 ?? 'failed').join(', ')
    if (!w) {
      lines.push(`| ${name} | failed: ${error?.slice(0, 200)} |`)
      continue
    }
    const l = w.latencyMs
    const d = w.deliveries
    const lost = d.delivered < d.expected ? ' **LOST**' : ''
    const dup = d.duplicates > 0 ? ` (${d.duplicates} duplicates)` : ''
    const c = w.convergence
    const notConverged = c.converged < c.documents ? ' **NOT CONVERGED**' : ''
    const unsynced = w.unsynced > 0 ? ` (${w.unsynced} clients never synced)` : ''
    lines.push(
      `| ${name}${unsynced} | ${l.p50} | ${l.p95} | ${l.p99} | ${l.max} | ${ratio(l.p99, reference?.latencyMs.p99)} | ${perRound} | ${d.delivered} / ${d.expected}${lost}${dup} | ${c.converged} / ${c.documents}${notConverged} | ${w.server.rssMbMean} / ${w.server.rssMbMax} | ${ratio(w.server.rssMbMean, reference?.server.rssMbMean)} | ${w.server.cpuPctMean} / ${w.server.cpuPctMax} | ${w.wireBytesPerKeystroke.serverToClients} / ${w.wireBytesPerKeystroke.clientsToServer} | ${diskBytes === undefined ? '–' : Math.round(diskBytes / (w.keystrokes || 1))} | ${startMs ?? '–'} | ${w.generator.cpuPct} |`,
    )
  }
  return `${lines.join('\n')}\n`
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** Grouped bars of p50, p95 and p99 per server, on a linear scale from 0. */
export function svgChart(results: ServerResult[]): string {
  const series = [
    { key: 'p50', color: '#4c78a8' },
    { key: 'p95', color: '#f58518' },
    { key: 'p99', color: '#e45756' },
  ] as const
  const width = 760
  const height = 360
  const left = 60
  const bottom = 300
  const top = 40
  const groupWidth = (width - left - 20) / Math.max(1, results.length)
  const barWidth = (groupWidth - 30) / series.length
  const values = results.flatMap((r) => series.map((s) => r.workload?.latencyMs[s.key] ?? 0))
  const maxValue = Math.max(1, ...values.filter(Number.isFinite)) * 1.1
  const y = (value: number) => bottom - ((bottom - top) * value) / maxValue
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11" role="img">`,
    '<title>Edit-to-observation latency per server (ms): p50, p95 and p99</title>',
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${left}" y="20" font-size="14">Edit-to-observation latency per server (ms)</text>`,
    `<line x1="${left}" y1="${bottom}" x2="${width - 10}" y2="${bottom}" stroke="black"/>`,
  ]
  for (let i = 0; i <= 4; i++) {
    const value = (maxValue * i) / 4
    parts.push(
      `<line x1="${left}" y1="${y(value)}" x2="${width - 10}" y2="${y(value)}" stroke="#ddd"/>`,
      `<text x="${left - 6}" y="${y(value) + 4}" text-anchor="end">${value.toFixed(1)}</text>`,
    )
  }
  results.forEach((result, g) => {
    const x0 = left + 15 + g * groupWidth
    series.forEach((s, i) => {
      const value = result.workload?.latencyMs[s.key]
      if (value === undefined || !Number.isFinite(value)) return
      const x = x0 + i * barWidth
      parts.push(
        `<rect x="${x}" y="${y(value)}" width="${barWidth - 2}" height="${bottom - y(value)}" fill="${s.color}"/>`,
        `<text x="${x + barWidth / 2}" y="${y(value) - 3}" text-anchor="middle">${value}</text>`,
      )
    })
    parts.push(
      `<text x="${x0 + (groupWidth - 30) / 2}" y="${bottom + 16}" text-anchor="middle">${escapeXml(result.name)}</text>`,
    )
  })
  series.forEach((s, i) => {
    parts.push(
      `<rect x="${left + i * 70}" y="${bottom + 35}" width="12" height="12" fill="${s.color}"/>`,
      `<text x="${left + i * 70 + 16}" y="${bottom + 45}">${s.key}</text>`,
    )
  })
  parts.push('</svg>')
  return `${parts.join('\n')}\n`
}
