import { type Session, setUpSchool } from '../../support/school.js'
import { Bystanders } from './fuzz-bystanders.js'
import { type CollabTargets, fetchState, runCollabCase } from './fuzz-collab-run.js'
import { type CollabCase, collabCases, type FuzzLimits } from './fuzz-frames.js'
import { type SocketCase, socketCases } from './fuzz-packets.js'
import { runSocketCase } from './fuzz-socket-run.js'
import { storedProblems } from './fuzz-stored.js'
import { type Tallies, Tally } from './fuzz-tally.js'
import { hex } from './fuzz-wire.js'

export interface FuzzOptions {
  httpUrl: string
  collabUrl: string
  /** The server's SQLite file (`<dataDir>/rembuk.db`). */
  dbFile: string
  collabCases: number
  socketCases: number
  seed: number
  /** Cases run at once. */
  concurrency: number
  /** The limits the server runs with, so that floods and oversized frames go beyond them. */
  limits: FuzzLimits
  /** How long a connection may stay silent, and /health may take, before it counts as a hang. */
  replyTimeoutMs?: number
  /** Only cases of these kinds (to reproduce one); every kind when absent. */
  kinds?: readonly string[]
  onProgress?: (line: string) => void
}

export interface FuzzResult extends Tallies {
  seed: number
  collabCases: number
  socketCases: number
  bystanders: { tokensTyped: number; presenceUpdates: number }
  problems: string[]
  durationMs: number
}

const writers = 4

/** A school whose target plan is written by the bystanders and the fuzzing members; another plan beside it. */
async function setUp(httpUrl: string, collabUrl: string) {
  const school = await setUpSchool(httpUrl)
  const member = (name: string) => school.member('teacher', name)
  const typists = [await member('Penonton Satu'), await member('Penonton Dua')]
  const fuzzers: Session[] = []
  for (let i = 1; i <= writers; i++) fuzzers.push(await member(`Penguji ${i}`))
  const [reader, flooder] = [await member('Pembaca'), await member('Pembanjir')]
  const target = (await school.plan('Rencana sasaran', [...typists, ...fuzzers, flooder])).docId
  const other = (await school.plan('Rencana lain', fuzzers)).docId
  const tokens = (sessions: Session[]) => sessions.map((session) => session.token)
  const targets: CollabTargets = {
    collabUrl,
    target,
    filler: other,
    tokens: {
      writer: tokens(fuzzers),
      reader: [reader.token],
      filler: tokens(fuzzers),
      flooder: [flooder.token],
    },
  }
  return { principal: school.principal, typists, fuzzers, targets }
}

/**
 * Sends hostile y-websocket frames and socket.io packets to a running server, each case on its own
 * connection, a few at a time, while bystanders keep typing into the same document; then checks that nothing
 * they did was lost, nothing invalid was stored, and the server answered throughout.
 */
export async function runFuzz(options: FuzzOptions): Promise<FuzzResult> {
  const startedAt = performance.now()
  const { httpUrl, collabUrl, seed, limits } = options
  const replyTimeoutMs = options.replyTimeoutMs ?? 10_000
  const { principal, typists, fuzzers, targets } = await setUp(httpUrl, collabUrl)
  const writerToken = fuzzers[0]?.token ?? ''
  const otherState = await fetchState(collabUrl, targets.filler, writerToken, replyTimeoutMs)
  const collab = collabCases(seed, limits, otherState, options.kinds)
  const socket = socketCases(seed + 1, limits.maxMessagesPerSecond, options.kinds)
  const tally = new Tally(2 * options.concurrency)
  const done = { collab: 0, socket: 0 }
  const planned = { collab: options.collabCases, socket: options.socketCases }

  const runCollab = async (fuzzCase: CollabCase, index: number) => {
    const label = `collab ${index} (${fuzzCase.kind})`
    tally.started(label)
    const outcomes = await runCollabCase(fuzzCase, targets, index, replyTimeoutMs)
    tally.ended(label)
    tally.collab(fuzzCase.kind, outcomes, fuzzCase.expect, () => {
      const frames = fuzzCase.frames.map((frame) =>
        typeof frame === 'string' ? `text(${frame.length})` : hex(frame),
      )
      return `${label}, seed ${seed}: frames ${frames.join(' | ') || 'none'}`
    })
  }
  const runSocket = async (fuzzCase: SocketCase, index: number) => {
    const label = `socket.io ${index} (${fuzzCase.kind})`
    tally.started(label)
    const token = fuzzers[index % fuzzers.length]?.token ?? ''
    const outcome = await runSocketCase(fuzzCase, httpUrl, token, replyTimeoutMs)
    tally.ended(label)
    tally.socket(fuzzCase.kind, outcome, fuzzCase.expect, () => {
      const sent = JSON.stringify(fuzzCase.raw ?? fuzzCase.emits).slice(0, 300)
      return `${label}, seed ${seed + 1}: sent ${sent}`
    })
  }
  /** The next case, from the stream that is behind its share; undefined when both are done. */
  const nextCase = (): Promise<void> | undefined => {
    const collabBehind = done.collab * planned.socket <= done.socket * planned.collab
    if (done.collab < planned.collab && (collabBehind || done.socket >= planned.socket)) {
      const next = collab.next()
      if (!next.done) return runCollab(next.value, done.collab++)
      planned.collab = done.collab
    }
    if (done.socket >= planned.socket) return undefined
    const next = socket.next()
    if (!next.done) return runSocket(next.value, done.socket++)
    planned.socket = done.socket
    return undefined
  }

  const watcher = typists[0] as Session
  const bystanders = new Bystanders(httpUrl, collabUrl, targets.target, typists, watcher, seed + 2, () =>
    tally.moment(),
  )
  try {
    await bystanders.start(replyTimeoutMs * 3)
    while (done.collab < planned.collab || done.socket < planned.socket) {
      const batch = Array.from({ length: options.concurrency }, nextCase).filter((running) => running)
      await Promise.all(batch)
      const health = await healthProblem(httpUrl, replyTimeoutMs)
      if (health) {
        tally.problem(`after ${done.collab} collab and ${done.socket} socket.io cases: ${health}`)
        break
      }
      if ((done.collab + done.socket) % 500 < options.concurrency)
        options.onProgress?.(`${done.collab} collab, ${done.socket} socket.io cases`)
    }
    const held = await bystanders.finish(replyTimeoutMs)
    for (const line of held.problems) tally.problem(line)
    const served = await fetchState(collabUrl, targets.target, watcher.token, replyTimeoutMs)
    const { dbFile } = options
    const stored = await storedProblems(
      httpUrl,
      dbFile,
      targets.target,
      principal,
      held.text,
      served,
      replyTimeoutMs,
    )
    for (const line of stored) tally.problem(line)
  } finally {
    bystanders.destroy()
  }
  return {
    seed,
    collabCases: done.collab,
    socketCases: done.socket,
    byKind: tally.byKind,
    closeCodes: tally.closeCodes,
    socketOutcomes: tally.socketOutcomes,
    bystanders: { tokensTyped: bystanders.crowd.keystrokes, presenceUpdates: bystanders.presenceUpdates },
    problems: tally.problems(),
    durationMs: Math.round(performance.now() - startedAt),
  }
}

async function healthProblem(httpUrl: string, timeoutMs: number): Promise<string | undefined> {
  try {
    const response = await fetch(`${httpUrl}/health`, { signal: AbortSignal.timeout(timeoutMs) })
    return response.ok ? undefined : `/health answered ${response.status}`
  } catch (error) {
    return `/health did not answer within ${timeoutMs} ms: ${(error as Error).message}`
  }
}
