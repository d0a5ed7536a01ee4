import { docContentEventTypes, docStream } from '@rembuk/domain'
import * as Y from 'yjs'
import { connectClient } from '../../support/collab-clients.js'
import { type Session, setUpSchool } from '../../support/school.js'
import { checkStoreLog } from '../log/store-log-check.js'
import type { ScaleOutCluster } from './cluster.js'
import {
  type AppliedFault,
  applyFault,
  defaultTimings,
  type FaultKind,
  type FaultTimings,
  faultKinds,
  faultLengthMs,
} from './faults.js'
import type { OpenedStore } from './store-access.js'
import { countTokens, Typists } from './typists.js'

export interface ScaleOutOptions {
  /** Rounds of each fault. */
  rounds: number
  clients: number
  typingIntervalMs: number
  /** Typing before each fault (the clients go on typing through the fault). */
  typeBeforeMs: number
  /** How long clients and store may take to agree once a fault is undone. */
  healTimeoutMs: number
  timings: FaultTimings
  faults: readonly FaultKind[]
  /** performance.now() by which the run must be over: a round that would end later is not begun. */
  deadline?: number
  onProgress?: (line: string) => void
}

export const defaultOptions: ScaleOutOptions = {
  rounds: 1,
  clients: 6,
  typingIntervalMs: 125,
  typeBeforeMs: 3_000,
  healTimeoutMs: 45_000,
  timings: defaultTimings,
  faults: faultKinds,
}

export interface RoundResult {
  round: number
  fault: FaultKind | 'none'
  target: string
  faultSeconds: number
  /** Tokens typed so far, and in this round. */
  typed: number
  typedInRound: number
  /** Typed tokens the store's replay holds; typed ones it lacks; tokens it holds more than once (so far). */
  stored: number
  lost: number
  duplicated: number
  /** Of those lost or held twice, the ones first seen so in this round. */
  lostInRound: number
  duplicatedInRound: number
  /** Problems the log check found that it had not found before this round. */
  logProblems: string[]
  /** From the fault undone to every client holding every token and the store holding them too. */
  healSeconds: number | null
  /** From the fault undone to every client holding every token. */
  convergedSeconds: number | null
  /** Closes the clients' providers saw in this round: connections lost and attempts refused. */
  connectionsClosed: number
  /** Error lines the replicas logged in this round. */
  serverErrors: number
  observed: string[]
  problems: string[]
}

export interface FaultSummary {
  name: FaultKind
  rounds: number
  survived: number
  lost: number
  duplicated: number
  logProblems: number
  healSeconds: { p50: number | null; max: number | null }
}

export interface ScaleOutResult {
  backend: string
  replicas: number
  clients: number
  typingIntervalMs: number
  roundsPlanned: number
  /** Faults after which everything typed was in every client and stored exactly once, with a sound log. */
  faultsSurvived: number
  keystrokes: { typed: number; stored: number; lost: number; duplicated: number }
  logProblems: number
  byFault: FaultSummary[]
  rounds: RoundResult[]
  /** Connections the balancer routed to each replica. */
  routed: Record<string, number>
  seconds: number
  problems: string[]
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const seconds = (ms: number) => Math.round(ms / 100) / 10

async function bounded<T>(what: string, ms: number, work: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  try {
    return await Promise.race([
      work,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms)
      }),
    ])
  } finally {
    clearTimeout(timer)
  }
}

/**
 * The document as the store holds it, read on from where the last read ended (the log only grows), for
 * polling cheaply; the full check of the log replays it from the start.
 */
class StoredDoc {
  private readonly doc = new Y.Doc()
  private next = 0n

  constructor(private readonly docId: string) {}

  async text(store: OpenedStore): Promise<string> {
    for await (const event of store.events.readStream(docStream(this.docId), { fromRevision: this.next })) {
      if (docContentEventTypes.includes(event.type) && event.payload) Y.applyUpdate(this.doc, event.payload)
      this.next = event.revision + 1n
    }
    return this.doc.getText('catatan').toString()
  }

  destroy(): void {
    this.doc.destroy()
  }
}

/**
 * Six stock y-websocket clients type into one plan's document through the balancer while, round after round,
 * one fault is applied and undone. After each: waits until every client holds every token typed and the
 * store's replay holds them too, and counts what is lost, what is held twice and what the log check finds.
 * A round that does not heal within `healTimeoutMs` ends the run.
 */
export async function runScaleOut(
  cluster: ScaleOutCluster,
  options: ScaleOutOptions,
): Promise<ScaleOutResult> {
  const started = performance.now()
  const progress = options.onProgress ?? (() => undefined)
  const problems: string[] = []
  const rounds: RoundResult[] = []
  const knownLogProblems = new Set<string>()
  const lostSoFar = new Set<string>()
  const duplicatedSoFar = new Set<string>()
  let typists: Typists | undefined
  let docId = ''
  let storedDoc: StoredDoc | undefined
  const serverErrorsSoFar = () =>
    cluster.started.reduce(
      (sum, replica) =>
        sum + replica.logs.filter((entry) => typeof entry.level === 'number' && entry.level >= 50).length,
      0,
    )
  let errorsCounted = 0
  let probeToken = ''
  /** What a client connecting straight to each replica now gets: whether the replica's copy lacks tokens. */
  const freshClientsOnEachReplica = async () => {
    const typed = (typists as Typists).typed
    const seen = await Promise.all(
      cluster.replicaNames.map(async (name) => {
        const replica = cluster.replicas.get(name)
        if (!replica?.process.running) return `${name} is not running`
        const probe = connectClient(replica.collabUrl, docId, probeToken)
        try {
          await probe.synced(5_000)
          return `${name} lacks ${countTokens(probe.text.toString(), typed).lost.length}`
        } catch {
          return `${name} did not sync within 5 s`
        } finally {
          probe.destroy()
        }
      }),
    )
    return `a fresh client straight on each replica: ${seen.join(', ')}`
  }
  const via = (localPort: number | undefined) => {
    const from = `${cluster.network.rootAddress}:${localPort}`
    const route = cluster.balancer?.routes.findLast((entry) => entry.from === from)
    const name = cluster.replicaNames.find((replica) =>
      route?.to.startsWith(`${cluster.host(replica).address}:`),
    )
    return route ? (name ?? route.to) : undefined
  }

  const heal = async (
    fault: AppliedFault | undefined,
    round: number,
    before: { typed: number; closes: number },
  ) => {
    const crowd = typists as Typists
    const since = fault?.endedAt ?? performance.now()
    const deadline = since + options.healTimeoutMs
    const roundProblems = [...(fault?.problems ?? [])]
    let convergedAt: number | undefined
    let healedAt: number | undefined
    let text = ''
    let store: OpenedStore | undefined
    try {
      while (performance.now() < deadline) {
        if (convergedAt === undefined && crowd.converged()) convergedAt = performance.now()
        if (convergedAt !== undefined) {
          try {
            store ??= await bounded('opening the store', 5_000, cluster.storeAccess())
            storedDoc ??= new StoredDoc(docId)
            text = await bounded('reading the document', 10_000, storedDoc.text(store))
            if (countTokens(text, crowd.typed).lost.length === 0) {
              healedAt = performance.now()
              break
            }
          } catch (error) {
            const failed = store
            store = undefined
            await failed?.close()
            if (performance.now() + 500 >= deadline) {
              roundProblems.push(`the store could not be read: ${(error as Error).message}`)
            }
          }
        }
        await sleep(convergedAt === undefined ? 50 : 250)
      }
      if (convergedAt === undefined) {
        const texts = crowd.texts()
        const counts = texts.map((clientText) => countTokens(clientText, crowd.typed).lost.length)
        roundProblems.push(...crowd.lagging(via), await freshClientsOnEachReplica())
        roundProblems.push(
          `the clients did not converge within ${seconds(options.healTimeoutMs)} s: ` +
            `${new Set(texts).size} different texts, ` +
            `lacking ${counts.join('/')} of ${crowd.typed.length} tokens`,
        )
      } else if (healedAt === undefined) {
        roundProblems.push(`the store did not hold every token within ${seconds(options.healTimeoutMs)} s`)
      }
      store ??= await bounded('opening the store', 5_000, cluster.storeAccess()).catch((error: Error) => {
        roundProblems.push(`the store could not be opened: ${error.message}`)
        return undefined
      })
      const log = store
        ? await bounded('checking the log', 30_000, checkStoreLog(store.events, store.snapshots)).catch(
            (error: Error) => ({ problems: [`the log check failed: ${error.message}`], documents: {} }),
          )
        : { problems: [], documents: {} }
      const replayed = (log.documents as Record<string, { content: { catatan?: unknown } }>)[docId]
      if (replayed && typeof replayed.content.catatan === 'string') text = replayed.content.catatan
      const newLogProblems = log.problems.filter((problem) => !knownLogProblems.has(problem))
      for (const problem of newLogProblems) knownLogProblems.add(problem)
      const counted = countTokens(text, crowd.typed)
      const clientText = crowd.texts()[0] ?? ''
      if (convergedAt !== undefined && healedAt !== undefined && text !== clientText) {
        roundProblems.push("the store's replay holds other text than the clients")
      }
      if (counted.strangers.length > 0 || counted.leftover > 0) {
        roundProblems.push(
          `the stored text holds ${counted.strangers.length} tokens nobody typed and ` +
            `${counted.leftover} characters outside any token`,
        )
      }
      const clientDuplicates = countTokens(clientText, crowd.typed).duplicated
      if (clientDuplicates.length > 0) {
        roundProblems.push(`the clients hold tokens twice: ${clientDuplicates.slice(0, 10).join(' ')}`)
      }
      const errors = serverErrorsSoFar()
      const result: RoundResult = {
        round,
        fault: fault?.kind ?? 'none',
        target: fault?.target ?? '',
        faultSeconds: fault ? seconds(fault.endedAt - fault.startedAt) : 0,
        typed: crowd.typed.length,
        typedInRound: crowd.typed.length - before.typed,
        stored: counted.held,
        lost: counted.lost.length,
        duplicated: counted.duplicated.length,
        lostInRound: counted.lost.filter((token) => !lostSoFar.has(token)).length,
        duplicatedInRound: counted.duplicated.filter((token) => !duplicatedSoFar.has(token)).length,
        logProblems: newLogProblems,
        healSeconds: healedAt === undefined ? null : seconds(healedAt - since),
        convergedSeconds: convergedAt === undefined ? null : seconds(convergedAt - since),
        connectionsClosed: crowd.closes - before.closes,
        serverErrors: errors - errorsCounted,
        observed: fault?.observed ?? [],
        problems: roundProblems,
      }
      errorsCounted = errors
      for (const token of counted.lost) lostSoFar.add(token)
      for (const token of counted.duplicated) duplicatedSoFar.add(token)
      if (counted.lost.length > 0) {
        roundProblems.push(
          `lost: ${counted.lost.slice(0, 12).join(' ')}${counted.lost.length > 12 ? ' …' : ''}`,
        )
      }
      if (counted.duplicated.length > 0) {
        roundProblems.push(`stored more than once: ${counted.duplicated.slice(0, 12).join(' ')}`)
      }
      return result
    } finally {
      await store?.close()
    }
  }

  try {
    await cluster.startWorkspace('scale_out')
    const balancer = cluster.balancer
    if (!balancer) throw new Error('the balancer did not start')
    const school = await bounded('setting up the school', 60_000, setUpSchool(balancer.httpUrl))
    const teachers: Session[] = []
    for (let i = 0; i < options.clients; i++) {
      teachers.push(await bounded('inviting a teacher', 20_000, school.member('teacher', `Guru ${i}`)))
    }
    const plan = await bounded('starting the plan', 20_000, school.plan('Rencana bersama provinsi', teachers))
    docId = plan.docId
    probeToken = school.principal.token
    typists = new Typists(
      balancer.collabUrl,
      docId,
      teachers.map((teacher) => teacher.token),
      options.typingIntervalMs,
    )
    await typists.synced(30_000)
    progress(
      `${options.clients} clients synced through ${balancer.httpUrl} on ${cluster.replicaNames.join(', ')}`,
    )

    const steps: { round: number; kind?: FaultKind; f: number }[] = Array.from(
      { length: options.rounds },
      (_, round) => options.faults.map((kind, f) => ({ round: round + 1, kind, f })),
    ).flat()
    steps.push({ round: options.rounds + 1, f: 0 })
    for (const { round, kind, f } of steps) {
      const expected =
        options.typeBeforeMs + (kind ? faultLengthMs(kind, options.timings) : 0) + options.healTimeoutMs
      if (options.deadline !== undefined && performance.now() + expected > options.deadline) {
        problems.push(
          `out of time: ${kind ? `round ${round} of ${kind}` : 'the last calm round'} was not run`,
        )
        break
      }
      const names = cluster.replicaNames
      const victim = names[(round + f) % names.length] as string
      const before = { typed: typists.typed.length, closes: typists.closes }
      typists.start()
      await sleep(options.typeBeforeMs)
      let fault: AppliedFault | undefined
      try {
        fault = kind ? await applyFault(cluster, kind, victim, options.timings) : undefined
      } finally {
        typists.stop()
      }
      const result = await heal(fault, round, before)
      rounds.push(result)
      progress(
        `${kind ? `round ${round}, ${kind} ${result.target}` : 'calm round'}: typed ${result.typed} ` +
          `(+${result.typedInRound}), stored ${result.stored}, lost ${result.lost}, ` +
          `duplicated ${result.duplicated}, log problems ${result.logProblems.length}, ` +
          `healed in ${result.healSeconds ?? '—'} s, connections closed ${result.connectionsClosed}` +
          (result.problems.length > 0 ? `; ${result.problems.join('; ')}` : ''),
      )
      problems.push(
        ...result.problems.map((problem) => `${kind ? `round ${round}, ${kind}` : 'calm round'}: ${problem}`),
        ...result.logProblems.map(
          (problem) => `${kind ? `round ${round}, ${kind}` : 'calm round'}: log: ${problem}`,
        ),
      )
      if (result.healSeconds === null) break
    }
  } catch (error) {
    problems.push(`the run failed: ${(error as Error).stack ?? error}`)
  } finally {
    typists?.destroy()
    storedDoc?.destroy()
  }

  const last = rounds.at(-1)
  const faultRounds = rounds.filter((round) => round.fault !== 'none')
  const survived = (round: RoundResult) =>
    round.healSeconds !== null &&
    round.lost === 0 &&
    round.duplicated === 0 &&
    round.logProblems.length === 0 &&
    round.problems.length === 0
  const byFault = options.faults.map((name): FaultSummary => {
    const of = faultRounds.filter((round) => round.fault === name)
    const heals = of.flatMap((round) => (round.healSeconds === null ? [] : [round.healSeconds]))
    heals.sort((a, b) => a - b)
    return {
      name,
      rounds: of.length,
      survived: of.filter(survived).length,
      lost: of.reduce((sum, round) => sum + round.lostInRound, 0),
      duplicated: of.reduce((sum, round) => sum + round.duplicatedInRound, 0),
      logProblems: of.reduce((sum, round) => sum + round.logProblems.length, 0),
      healSeconds: {
        p50: heals.length > 0 ? (heals[Math.ceil(heals.length / 2) - 1] as number) : null,
        max: heals.at(-1) ?? null,
      },
    }
  })
  const routed: Record<string, number> = {}
  for (const target of cluster.balancer?.routedTo ?? []) {
    const name = cluster.replicaNames.find((replica) =>
      target.startsWith(`${cluster.host(replica).address}:`),
    )
    routed[name ?? target] = (routed[name ?? target] ?? 0) + 1
  }
  return {
    backend: cluster.options.backend,
    replicas: cluster.replicaNames.length,
    clients: options.clients,
    typingIntervalMs: options.typingIntervalMs,
    roundsPlanned: options.rounds * options.faults.length,
    faultsSurvived: faultRounds.filter(survived).length,
    keystrokes: {
      typed: last?.typed ?? 0,
      stored: last?.stored ?? 0,
      lost: last?.lost ?? 0,
      duplicated: last?.duplicated ?? 0,
    },
    logProblems: rounds.reduce((sum, round) => sum + round.logProblems.length, 0),
    byFault,
    rounds,
    routed,
    seconds: seconds(performance.now() - started),
    problems,
  }
}
