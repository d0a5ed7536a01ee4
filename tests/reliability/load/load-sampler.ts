import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks'

export interface LoadSample {
  /** Seconds since typing started. */
  s: number
  /** MiB, as every `Mb` here. */
  rssMb: number
  /** The server's CPU time over the interval, in percent of one core. */
  serverCpuPct: number
  /** The load generator's own CPU and event-loop delay (p99) over the interval: high means it lagged. */
  generatorCpuPct: number
  generatorLoopP99Ms: number
  latencyP99Ms: number
  deliveries: number
  openConnections: number
  openDocuments: number
}

/** What a sample needs from the run besides the server's /proc entries. */
export interface SampleSource {
  window(): { p99Ms: number; deliveries: number }
  openConnections(): number
  openDocuments(): Promise<number>
  /** Runs a full collection in the server and answers its heap in use (MiB), on every `gcEverySamples`th sample. */
  heapAfterGc?: () => Promise<number>
  gcEverySamples?: number
}

/** The server right after a full collection: heap in use and RSS. */
export interface AfterGcSample {
  s: number
  heapMb: number
  rssMb: number
}

const loopResolutionMs = 10

/** An event-loop delay in ms beyond the monitor's own sampling period, from the monitor's nanoseconds. */
function loopDelayMs(nanos: number): number {
  return round(Math.max(0, nanos / 1e6 - loopResolutionMs))
}

const clockTicks = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100

export function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN)
  return Math.round(kb / 102.4) / 10
}

/** utime + stime of the process, in seconds. */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / clockTicks
}

/** Samples the server process and the load generator every `everyMs` until stopped. */
export class LoadSampler {
  readonly samples: LoadSample[] = []
  readonly failures: string[] = []
  readonly afterGc: AfterGcSample[] = []
  private readonly loopWindow: IntervalHistogram = monitorEventLoopDelay({ resolution: loopResolutionMs })
  private readonly loopRun: IntervalHistogram = monitorEventLoopDelay({ resolution: loopResolutionMs })
  private timer: NodeJS.Timeout | undefined
  private startedAt = 0
  private last = { at: 0, serverCpu: 0, generatorCpu: process.cpuUsage() }
  private pending: Promise<void> = Promise.resolve()

  constructor(
    private readonly pid: number,
    private readonly source: SampleSource,
  ) {}

  start(everyMs: number): void {
    this.startedAt = performance.now()
    this.last = { at: this.startedAt, serverCpu: cpuSeconds(this.pid), generatorCpu: process.cpuUsage() }
    this.loopWindow.enable()
    this.loopRun.enable()
    this.timer = setInterval(() => {
      this.pending = this.pending
        .then(() => this.sample())
        .catch((error: unknown) => void this.failures.push(String(error)))
    }, everyMs)
  }

  async stop(): Promise<void> {
    clearInterval(this.timer)
    await this.pending
    this.loopWindow.disable()
    this.loopRun.disable()
  }

  summary() {
    const half = (this.samples.at(-1)?.s ?? 0) / 2
    const secondHalf = <T extends { s: number }>(list: T[], value: (x: T) => number) =>
      round(slope(list.filter((x) => x.s >= half).map((x) => [x.s / 60, value(x)] as const)))
    const rss = this.samples.map((x) => x.rssMb)
    const mean = (values: number[]) => round(values.reduce((sum, v) => sum + v, 0) / (values.length || 1))
    return {
      rss: {
        minMb: Math.min(...rss),
        maxMb: Math.max(...rss),
        slopeMbPerMinSecondHalf: secondHalf(this.samples, (x) => x.rssMb),
        samples: this.samples.map(({ s, rssMb }) => ({ s, mb: rssMb })),
      },
      ...(this.afterGc.length > 0 && {
        afterGc: {
          heapSlopeMbPerMinSecondHalf: secondHalf(this.afterGc, (x) => x.heapMb),
          rssSlopeMbPerMinSecondHalf: secondHalf(this.afterGc, (x) => x.rssMb),
          samples: this.afterGc,
        },
      }),
      serverCpuPct: {
        mean: mean(this.samples.map((x) => x.serverCpuPct)),
        max: Math.max(0, ...this.samples.map((x) => x.serverCpuPct)),
      },
      generator: {
        loopDelayP99Ms: loopDelayMs(this.loopRun.percentile(99)),
        loopDelayMaxMs: loopDelayMs(this.loopRun.max),
        cpuPctMean: mean(this.samples.map((x) => x.generatorCpuPct)),
      },
    }
  }

  private async sample(): Promise<void> {
    const previous = this.last
    const at = performance.now()
    const seconds = (at - previous.at) / 1000
    const serverCpu = cpuSeconds(this.pid)
    const generatorCpu = process.cpuUsage()
    const generatorUsed = process.cpuUsage(previous.generatorCpu)
    const latency = this.source.window()
    const loopP99 = this.loopWindow.percentile(99)
    this.loopWindow.reset()
    this.last = { at, serverCpu, generatorCpu }
    this.samples.push({
      s: round((at - this.startedAt) / 1000, 1),
      rssMb: rssMb(this.pid),
      serverCpuPct: round(((serverCpu - previous.serverCpu) / seconds) * 100, 1),
      generatorCpuPct: round(((generatorUsed.user + generatorUsed.system) / 1e6 / seconds) * 100, 1),
      generatorLoopP99Ms: loopDelayMs(loopP99),
      latencyP99Ms: latency.p99Ms,
      deliveries: latency.deliveries,
      openConnections: this.source.openConnections(),
      openDocuments: await this.source.openDocuments(),
    })
    const { heapAfterGc, gcEverySamples = 1 } = this.source
    if (heapAfterGc && this.samples.length % gcEverySamples === 0) {
      const heapMb = await heapAfterGc()
      this.afterGc.push({ s: this.samples.at(-1)?.s ?? 0, heapMb, rssMb: rssMb(this.pid) })
    }
  }
}

/** Least-squares slope of y over x. */
export function slope(points: readonly (readonly [number, number])[]): number {
  const n = points.length
  if (n < 2) return 0
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n
  let covariance = 0
  let variance = 0
  for (const [x, y] of points) {
    covariance += (x - meanX) * (y - meanY)
    variance += (x - meanX) ** 2
  }
  return variance === 0 ? 0 : covariance / variance
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}
