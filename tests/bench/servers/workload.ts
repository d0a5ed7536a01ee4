import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { monitorEventLoopDelay } from 'node:perf_hooks'
import { rssMb } from '../../reliability/load/load-sampler.js'
import { allSynced, type BenchClient, connect, wire } from './clients.js'
import type { ClientKind, Seat } from './competitors.js'
import { machineBusySeconds, treeCpuSeconds, treePssMb } from './processes.js'
import { percentiles } from './report.js'

export interface WorkloadConfig {
  client: ClientKind
  url: string
  pid: number
  /** Several processes sampled together (each with its descendants) instead of `pid`. */
  processes?: number[]
  seats: Seat[]
  intervalMs: number
  seconds: number
  /** Only one of several generators samples the server's memory and CPU. */
  sampleServer: boolean
  /** Several generators start typing together: each says it is ready, then waits for a line on stdin. */
  waitForGo: boolean
}

interface Sent {
  at: number
  docIndex: number
  delivered: number
  /** The server the sender is connected to. */
  url: string
}

const config = JSON.parse(readFileSync(process.argv[2] as string, 'utf8')) as WorkloadConfig
const log = (line: string) => process.stderr.write(`[workload] ${line}\n`)
const clockTicks = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim()) || 100
const tokenPattern = /⟨c\d+·\d+⟩/g
const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

function processCpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return (Number(fields[11]) + Number(fields[12])) / clockTicks
}

const { processes } = config
const serverCpuSeconds = () => (processes ? treeCpuSeconds(processes) : processCpuSeconds(config.pid))
const serverMemoryMb = () => (processes ? treePssMb(processes) : rssMb(config.pid))

const peersOf = new Map<number, number>()
for (const seat of config.seats) peersOf.set(seat.docIndex, (peersOf.get(seat.docIndex) ?? 0) + 1)
const sent = new Map<string, Sent>()
const latencies: number[] = []
/** With seats on several servers: the latencies between clients of one server, and between servers. */
const severalServers = new Set(config.seats.map((seat) => seat.url ?? config.url)).size > 1
const byPath = { sameServer: [] as number[], otherServer: [] as number[] }
let duplicates = 0

function observe(delta: { insert?: unknown }[], url: string) {
  const now = performance.now()
  for (const op of delta) {
    if (typeof op.insert !== 'string') continue
    for (const [token] of op.insert.matchAll(tokenPattern)) {
      const entry = sent.get(token)
      if (!entry) continue
      entry.delivered += 1
      if (entry.delivered > (peersOf.get(entry.docIndex) ?? 1) - 1) duplicates += 1
      latencies.push(now - entry.at)
      if (severalServers) byPath[entry.url === url ? 'sameServer' : 'otherServer'].push(now - entry.at)
    }
  }
}

process.setMaxListeners(0)
const idleRssMb = serverMemoryMb()
const clients: BenchClient[] = config.seats.map((seat) => {
  const url = seat.url ?? config.url
  const client = connect(config.client, url, seat)
  client.text.observe((event, transaction) => {
    if (!transaction.local) observe(event.delta, url)
  })
  return client
})
const unsynced = await allSynced(clients, 60_000)
log(`${clients.length - unsynced}/${clients.length} clients synced`)
if (config.waitForGo) {
  console.log(JSON.stringify({ ready: true }))
  await new Promise((resolve) => process.stdin.once('data', resolve))
}
await sleep(1000)

const counts = clients.map(() => 0)
let typing = true
function typeNext(index: number) {
  if (!typing) return
  setTimeout(
    () => {
      if (!typing) return
      const client = clients[index] as BenchClient
      const token = `⟨c${index}·${counts[index]}⟩`
      counts[index] = (counts[index] ?? 0) + 1
      const seat = config.seats[index]
      sent.set(token, {
        at: performance.now(),
        docIndex: seat?.docIndex ?? 0,
        delivered: 0,
        url: seat?.url ?? config.url,
      })
      client.text.insert(Math.random() < 0.5 ? 0 : client.text.length, token)
      typeNext(index)
    },
    config.intervalMs * (0.5 + Math.random()),
  )
}

const wireBefore = { ...wire }
const loop = monitorEventLoopDelay({ resolution: 10 })
loop.enable()
const generatorCpuBefore = process.cpuUsage()
const machineBefore = machineBusySeconds()
const rss: number[] = []
const cpu: number[] = []
let last = { at: performance.now(), cpu: serverCpuSeconds() }
const typingStarted = last.at
const sampler = setInterval(() => {
  if (!config.sampleServer) return
  const now = { at: performance.now(), cpu: serverCpuSeconds() }
  cpu.push(((now.cpu - last.cpu) / ((now.at - last.at) / 1000)) * 100)
  rss.push(serverMemoryMb())
  last = now
}, 1000)
for (const index of clients.keys()) typeNext(index)
await sleep(config.seconds * 1000)
typing = false
const typedSeconds = (performance.now() - typingStarted) / 1000
const generatorCpu = process.cpuUsage(generatorCpuBefore)
const machineCpuPct = round(((machineBusySeconds() - machineBefore) / typedSeconds) * 100, 1)

const expectedOf = (entry: Sent) => (peersOf.get(entry.docIndex) ?? 1) - 1
const missing = () => [...sent.values()].reduce((sum, e) => sum + Math.max(0, expectedOf(e) - e.delivered), 0)
const drainStarted = performance.now()
while (missing() > 0 && performance.now() - drainStarted < 15_000) await sleep(100)
clearInterval(sampler)
loop.disable()

const byDoc = new Map<number, BenchClient[]>()
for (const [index, seat] of config.seats.entries()) {
  byDoc.set(seat.docIndex, [...(byDoc.get(seat.docIndex) ?? []), clients[index] as BenchClient])
}
let convergedDocs = 0
for (const [docIndex, members] of byDoc) {
  const texts = members.map((c) => c.text.toString())
  const typedHere = [...sent.values()].filter((e) => e.docIndex === docIndex).length
  const tokensInText = texts[0]?.match(tokenPattern)?.length ?? 0
  if (texts.every((t) => t === texts[0]) && tokensInText === typedHere) convergedDocs += 1
}
const keystrokes = sent.size
const expected = [...sent.values()].reduce((sum, e) => sum + expectedOf(e), 0)
const mean = (values: number[]) => round(values.reduce((s, v) => s + v, 0) / (values.length || 1), 1)
const result = {
  clients: clients.length,
  unsynced,
  keystrokes,
  latencyMs: percentiles(latencies),
  latencySamples: config.waitForGo ? latencies.map((value) => round(value)) : undefined,
  ...(severalServers && {
    latencyByPathMs: {
      sameServer: percentiles(byPath.sameServer),
      otherServer: percentiles(byPath.otherServer),
    },
    latencyByPathSamples: config.waitForGo
      ? {
          sameServer: byPath.sameServer.map((value) => round(value)),
          otherServer: byPath.otherServer.map((value) => round(value)),
        }
      : undefined,
  }),
  deliveries: { expected, delivered: expected - missing(), duplicates },
  convergence: {
    documents: byDoc.size,
    converged: convergedDocs,
    drainMs: round(performance.now() - drainStarted, 0),
  },
  server: {
    idleRssMb,
    rssMbMean: mean(rss),
    rssMbMax: rss.length ? Math.max(...rss) : 0,
    cpuPctMean: mean(cpu),
    cpuPctMax: cpu.length ? round(Math.max(...cpu), 1) : 0,
  },
  machineCpuPct,
  wireBytesPerKeystroke: {
    serverToClients: round((wire.received - wireBefore.received) / (keystrokes || 1), 1),
    clientsToServer: round((wire.sent - wireBefore.sent) / (keystrokes || 1), 1),
  },
  generator: {
    cpuPct: round(((generatorCpu.user + generatorCpu.system) / 1e6 / typedSeconds) * 100, 1),
    loopDelayP99Ms: round(Math.max(0, loop.percentile(99) / 1e6 - 10)),
  },
}
for (const client of clients) client.destroy()
// A pipe takes large writes asynchronously: exit only once the whole result is written.
process.stdout.write(`${JSON.stringify(result)}\n`, () => process.exit(0))
