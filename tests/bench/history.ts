import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { decisionStreamPrefix, mapStreamPrefix, meetingStreamPrefix, planStreamPrefix } from '@rembuk/domain'
import { SqliteEventStore } from '@rembuk/event-store'
import type { Session } from '../support/school.js'
import { type ServerProcess, startServerProcess } from '../support/server-process.js'
import { type Distribution, distribution, round, timed } from './measure.js'
import type { SchoolLog } from './school-log-fixture.js'

export interface DocHistoryResults {
  /** The server's CPU use over 3 s of doing nothing right after it started (null where /proc is missing). */
  idleCpuPercent: number | null
  /** GET /api/docs/:id/compare?from=A&to=B, A in the first tenth of the history and B in the last. */
  compareMs: Distribution
  /** The reference: GET state?revision=A then GET state?revision=B (compare loads both, then diffs). */
  twoStateLoadsMs: Distribution
  /** compare p50 / two state loads p50. */
  compareRatio: number
  /** Fields that differed, and the words of their diffs, in the last compare (what the answer holds). */
  lastCompare: { fields: number; diffParts: number; bytes: number }
  /** GET /api/docs/:id/timeline?from=R&limit=100 at random R. */
  timelineMs: Distribution
  /** The reference: GET state?revision=R-1, the load a timeline page starts from. */
  stateBeforePageMs: Distribution
  timelineRatio: number
}

export interface AsOfResults {
  /** Start of the server process on the log until it listens (its directories fold every plan and map). */
  serverStartMs: number
  /** The server's CPU use over 3 s of doing nothing right after it started (null where /proc is missing). */
  idleCpuPercent: number | null
  /** GET /api/as-of?position=P at random P. */
  positionMs: Distribution
  /** GET /api/as-of?at=<ISO time> at random moments between the log's first and last event. */
  atMs: Distribution
  /** GET /api/as-of (the head: the longest cut). */
  headMs: Distribution
  /** The reference: a plain filtered readAll (plan-* and map-*) of the same cuts, in-process on the same file. */
  readAllMs: Distribution
  /** as-of p50 (positions and moments together) / readAll p50 of the same cuts. */
  ratio: number
  /** What the head answered; a plan or map of the other school in any answer fails the run. */
  atHead: { plans: number; maps: number }
}

async function get(
  server: ServerProcess,
  session: Session,
  path: string,
): Promise<{ ms: number; body: unknown; bytes: number }> {
  const { ms, result } = await timed(async () => {
    const response = await fetch(`${server.httpUrl}${path}`, {
      headers: { authorization: `Bearer ${session.token}` },
    })
    const text = await response.text()
    if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${text.slice(0, 200)}`)
    return { body: JSON.parse(text) as unknown, bytes: text.length }
  })
  return { ms, ...result }
}

/** CPU time of a process in ms, from /proc (Linux); undefined elsewhere. */
function cpuMs(pid: number | undefined): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? []
    const ticks = Number(fields[11]) + Number(fields[12])
    return Number.isFinite(ticks) ? ticks * 10 : undefined
  } catch {
    return undefined
  }
}

/** How busy the server keeps a core while no request comes in (its subscriptions polling the log). */
export async function idleCpuPercent(server: ServerProcess, ms = 3000): Promise<number | null> {
  const before = cpuMs(server.child.pid)
  const start = performance.now()
  await new Promise((resolve) => setTimeout(resolve, ms))
  const after = cpuMs(server.child.pid)
  if (before === undefined || after === undefined) return null
  return Math.round((100 * (after - before)) / (performance.now() - start))
}

const between = (low: number, high: number) => low + Math.floor(Math.random() * (high - low + 1))

/**
 * Compare and timeline on one document of `revisions` events (0 to revisions - 1), over HTTP against the
 * built server. Each sample is measured next to its reference, in alternating order.
 */
export async function measureDocHistory(
  dataDir: string,
  principal: Session,
  docId: string,
  revisions: number,
  env: Record<string, string>,
  rounds = { compare: 30, timeline: 50 },
): Promise<DocHistoryResults> {
  const server = await startServerProcess(dataDir, env)
  const doc = `/api/docs/${docId}`
  try {
    const idle = await idleCpuPercent(server)
    const last = revisions - 1
    const tenth = Math.max(1, Math.floor(revisions / 10))
    await get(server, principal, `${doc}/compare?from=0&to=${last}`)
    const compare: number[] = []
    const twoLoads: number[] = []
    let lastCompare = { fields: 0, diffParts: 0, bytes: 0 }
    for (let i = 0; i < rounds.compare; i++) {
      const a = between(0, tenth)
      const b = between(last - tenth, last)
      const loads = async () =>
        (await get(server, principal, `${doc}/state?revision=${a}`)).ms +
        (await get(server, principal, `${doc}/state?revision=${b}`)).ms
      const diff = async () => {
        const answer = await get(server, principal, `${doc}/compare?from=${a}&to=${b}`)
        const fields = (answer.body as { fields?: { diff: unknown[] }[] }).fields ?? []
        lastCompare = {
          fields: fields.length,
          diffParts: fields.reduce((sum, f) => sum + f.diff.length, 0),
          bytes: answer.bytes,
        }
        return answer.ms
      }
      if (i % 2 === 0) {
        compare.push(await diff())
        twoLoads.push(await loads())
      } else {
        twoLoads.push(await loads())
        compare.push(await diff())
      }
    }
    const timeline: number[] = []
    const before: number[] = []
    for (let i = 0; i < rounds.timeline; i++) {
      const from = between(1, last)
      const page = async () => {
        const answer = await get(server, principal, `${doc}/timeline?from=${from}&limit=100`)
        const entries = (answer.body as { entries: unknown[] }).entries
        if (entries.length !== Math.min(100, revisions - from))
          throw new Error(`timeline from ${from} gave ${entries.length} entries`)
        return answer.ms
      }
      const load = async () => (await get(server, principal, `${doc}/state?revision=${from - 1}`)).ms
      if (i % 2 === 0) {
        timeline.push(await page())
        before.push(await load())
      } else {
        before.push(await load())
        timeline.push(await page())
      }
    }
    const compareMs = distribution(compare)
    const twoStateLoadsMs = distribution(twoLoads)
    const timelineMs = distribution(timeline)
    const stateBeforePageMs = distribution(before)
    return {
      idleCpuPercent: idle,
      compareMs,
      twoStateLoadsMs,
      compareRatio: round(compareMs.p50 / twoStateLoadsMs.p50, 3),
      lastCompare,
      timelineMs,
      stateBeforePageMs,
      timelineRatio: round(timelineMs.p50 / stateBeforePageMs.p50, 3),
    }
  } finally {
    await server.stop()
  }
}

interface AsOfAnswer {
  position: number
  at: string | null
  plans: { schoolId: string }[]
  maps: { schoolId: string }[]
}

/** The school as of a position or a moment, over HTTP, on the big log; then the reference in-process. */
export async function measureAsOf(
  dataDir: string,
  log: SchoolLog,
  rounds = { position: 20, at: 20, head: 3 },
): Promise<AsOfResults> {
  const started = performance.now()
  const server = await startServerProcess(dataDir)
  const serverStartMs = round(performance.now() - started)
  const cuts: number[] = []
  const asOf = async (query: string) => {
    const answer = await get(server, log.principal, `/api/as-of${query}`)
    const body = answer.body as AsOfAnswer
    const strangers = [...body.plans, ...body.maps].filter((r) => r.schoolId !== log.schoolId)
    if (strangers.length > 0) throw new Error(`as-of${query} showed ${strangers.length} of another school`)
    cuts.push(body.position)
    return { ms: answer.ms, body }
  }
  const positionMs: number[] = []
  const atMs: number[] = []
  const headMs: number[] = []
  let atHead = { plans: 0, maps: 0 }
  let idle: number | null = null
  try {
    idle = await idleCpuPercent(server)
    await asOf('')
    cuts.length = 0
    const from = Date.parse(log.firstAt)
    const to = Date.parse(log.lastAt)
    for (let i = 0; i < Math.max(rounds.position, rounds.at); i++) {
      if (i < rounds.position) positionMs.push((await asOf(`?position=${between(1, log.events)}`)).ms)
      if (i < rounds.at) {
        const at = new Date(from + Math.random() * (to - from)).toISOString()
        atMs.push((await asOf(`?at=${encodeURIComponent(at)}`)).ms)
      }
    }
    for (let i = 0; i < rounds.head; i++) {
      const { ms, body } = await asOf('')
      headMs.push(ms)
      atHead = { plans: body.plans.length, maps: body.maps.length }
    }
  } finally {
    await server.stop()
  }
  const store = SqliteEventStore.open(join(dataDir, 'rembuk.db'))
  const readAllMs: number[] = []
  try {
    for (const cut of cuts.slice(0, rounds.position + rounds.at)) {
      const { ms } = await timed(async () => {
        let n = 0
        for await (const _ of store.readAll({
          untilPosition: BigInt(cut),
          filter: {
            streamPrefixes: [planStreamPrefix, mapStreamPrefix, meetingStreamPrefix, decisionStreamPrefix],
          },
        }))
          n += 1
        return n
      })
      readAllMs.push(ms)
    }
  } finally {
    await store.close()
  }
  const both = distribution([...positionMs, ...atMs])
  const reference = distribution(readAllMs)
  return {
    serverStartMs,
    idleCpuPercent: idle,
    positionMs: distribution(positionMs),
    atMs: distribution(atMs),
    headMs: distribution(headMs),
    readAllMs: reference,
    ratio: round(both.p50 / reference.p50, 3),
    atHead,
  }
}
