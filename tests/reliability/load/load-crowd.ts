import { createHistogram, type RecordableHistogram } from 'node:perf_hooks'
import type * as Y from 'yjs'
import { type CollabClient, connectClient } from '../../support/collab-clients.js'

export interface LoadSeat {
  docIndex: number
  docId: string
  token: string
  name: string
}

interface LoadClient {
  index: number
  seat: LoadSeat
  client: CollabClient
  /** Every token this client typed, in order. */
  typed: string[]
}

interface SentToken {
  at: number
  docIndex: number
  delivered: number
}

export const tokenPattern = /⟨s\d+·\d+⟩/g

export type LoadErrorKind =
  | 'connectionCloses'
  | 'connectionErrors'
  | 'syncFailures'
  | 'undeliveredTokens'
  | 'duplicateDeliveries'
  | 'documentsNotConverged'
  | 'storedStateMismatches'
  | 'documentsNotUnloaded'
  | 'reloadMismatches'
  | 'serverErrorLogs'

function noErrors(): Record<LoadErrorKind, number> {
  return {
    connectionCloses: 0,
    connectionErrors: 0,
    syncFailures: 0,
    undeliveredTokens: 0,
    duplicateDeliveries: 0,
    documentsNotConverged: 0,
    storedStateMismatches: 0,
    documentsNotUnloaded: 0,
    reloadMismatches: 0,
    serverErrorLogs: 0,
  }
}

/**
 * Stock y-websocket clients, each showing its member's name through awareness and typing unique tokens
 * (`⟨s12·34⟩`: sender 12, its 34th) at the start or the end of `catatan`. Every other client of the document
 * records, from its Y.Text events, how long after the insert it saw each token.
 */
export class LoadCrowd {
  readonly clients: LoadClient[]
  readonly errors = noErrors()
  /** Close codes of connections that closed while the crowd was connected, with how often. */
  readonly closeCodes: Record<string, number> = {}
  /** Microseconds from insert to observation, over the whole run and since the last `takeWindow`. */
  readonly latency: RecordableHistogram = createHistogram()
  private window: RecordableHistogram = createHistogram()
  private windowDeliveries = 0
  private readonly sent = new Map<string, SentToken>()
  private readonly byDoc = new Map<number, LoadClient[]>()
  private readonly timers = new Set<NodeJS.Timeout>()
  private typing = false
  private leaving = false

  constructor(
    collabUrl: string,
    seats: readonly LoadSeat[],
    private readonly random: () => number,
    private readonly intervalMs: number,
  ) {
    this.clients = seats.map((seat, index) => {
      const client = connectClient(collabUrl, seat.docId, seat.token)
      client.provider.awareness.setLocalStateField('user', { name: seat.name })
      client.provider.on('connection-close', (event: CloseEvent | null) => {
        if (this.leaving) return
        this.errors.connectionCloses += 1
        const code = String(event?.code ?? 'watchdog')
        this.closeCodes[code] = (this.closeCodes[code] ?? 0) + 1
      })
      client.provider.on('connection-error', () => {
        if (!this.leaving) this.errors.connectionErrors += 1
      })
      client.text.observe((event, transaction) => {
        if (!transaction.local) this.observe(event)
      })
      return { index, seat, client, typed: [] }
    })
    for (const client of this.clients) {
      this.byDoc.set(client.seat.docIndex, [...this.of(client.seat.docIndex), client])
    }
  }

  get keystrokes(): number {
    return this.sent.size
  }

  get openConnections(): number {
    return this.clients.filter(({ client }) => client.provider.wsconnected).length
  }

  /** Deliveries expected so far: every other client of the document, for every token typed. */
  deliveries(): { expected: number; delivered: number } {
    let expected = 0
    let delivered = 0
    for (const token of this.sent.values()) {
      expected += this.of(token.docIndex).length - 1
      delivered += token.delivered
    }
    return { expected, delivered }
  }

  /** Tokens some other client of their document has not seen. */
  undeliveredTokens(): number {
    let count = 0
    for (const token of this.sent.values())
      if (token.delivered < this.of(token.docIndex).length - 1) count += 1
    return count
  }

  of(docIndex: number): LoadClient[] {
    return this.byDoc.get(docIndex) ?? []
  }

  tokensOf(docIndex: number): string[] {
    return this.of(docIndex).flatMap((c) => c.typed)
  }

  /** Whether every client of the document is connected, synced, and holds every token typed into it. */
  caughtUp(docIndex: number): boolean {
    const clients = this.of(docIndex)
    return clients.every(
      ({ client, typed }) =>
        client.provider.wsconnected &&
        client.provider.synced &&
        typed.every((token) => (this.sent.get(token)?.delivered ?? 0) >= clients.length - 1),
    )
  }

  /** Waits for every client's first sync; those that do not sync within `timeoutMs` count as failures. */
  async synced(timeoutMs: number): Promise<void> {
    const results = await Promise.allSettled(this.clients.map(({ client }) => client.synced(timeoutMs)))
    this.errors.syncFailures += results.filter((r) => r.status === 'rejected').length
  }

  start(): void {
    this.typing = true
    for (const client of this.clients) this.scheduleNext(client)
  }

  stop(): void {
    this.typing = false
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
  }

  /** The latency p99 (ms) and deliveries since the previous call. */
  takeWindow(): { p99Ms: number; deliveries: number } {
    const taken = { p99Ms: toMs(this.window.percentile(99)), deliveries: this.windowDeliveries }
    this.window = createHistogram()
    this.windowDeliveries = 0
    return taken
  }

  destroy(): void {
    this.stop()
    this.leaving = true
    for (const { client } of this.clients) client.destroy()
  }

  private observe(event: Y.YTextEvent): void {
    const now = performance.now()
    for (const op of event.delta) {
      if (typeof op.insert !== 'string') continue
      for (const [token] of op.insert.matchAll(tokenPattern)) {
        const sent = this.sent.get(token)
        if (!sent) continue
        sent.delivered += 1
        if (sent.delivered > this.of(sent.docIndex).length - 1) this.errors.duplicateDeliveries += 1
        const micros = Math.max(1, Math.round((now - sent.at) * 1000))
        this.latency.record(micros)
        this.window.record(micros)
        this.windowDeliveries += 1
      }
    }
  }

  private scheduleNext(client: LoadClient): void {
    if (!this.typing) return
    const timer = setTimeout(
      () => {
        this.timers.delete(timer)
        this.type(client)
        this.scheduleNext(client)
      },
      this.intervalMs * (0.5 + this.random()),
    )
    this.timers.add(timer)
  }

  private type({ index, seat, client, typed }: LoadClient): void {
    const token = `⟨s${index}·${typed.length}⟩`
    typed.push(token)
    this.sent.set(token, { at: performance.now(), docIndex: seat.docIndex, delivered: 0 })
    client.text.insert(this.random() < 0.5 ? 0 : client.text.length, token)
  }
}

export function toMs(micros: number): number {
  return Number.isFinite(micros) ? Math.round(micros / 10) / 100 : 0
}
