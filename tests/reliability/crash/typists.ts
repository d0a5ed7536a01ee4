import * as Y from 'yjs'
import { type CollabClient, connectClient } from '../../support/collab-clients.js'

export interface Typist {
  index: number
  docId: string
  client: CollabClient
  /** Every token this client typed, in order; each is unique across all clients. */
  tokens: string[]
}

/** How far each writer's own edits go, by Yjs client id: what every client must hold to have caught up. */
export type Clocks = Map<number, number>

/**
 * y-websocket clients typing unique tokens (`⟨c3·17⟩`) into `catatan`, each as one insert at the start or
 * the end of the text, so that no insert lands inside another token. They keep typing while the server is
 * down: their edits wait in their documents until they reconnect.
 */
export class TypingCrowd {
  readonly typists: Typist[]
  private readonly timers = new Set<NodeJS.Timeout>()
  private typing = false

  constructor(
    collabUrl: string,
    seats: { docId: string; token: string }[],
    private readonly random: () => number,
    private readonly intervalMs: number,
  ) {
    this.typists = seats.map(({ docId, token }, index) => ({
      index,
      docId,
      client: connectClient(collabUrl, docId, token),
      tokens: [],
    }))
  }

  get keystrokes(): number {
    return this.typists.reduce((sum, typist) => sum + typist.tokens.length, 0)
  }

  of(docId: string): Typist[] {
    return this.typists.filter((typist) => typist.docId === docId)
  }

  start(): void {
    this.typing = true
    for (const typist of this.typists) this.scheduleNext(typist)
  }

  stop(): void {
    this.typing = false
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
  }

  /** What the writers of `docId` have typed so far. */
  clocks(docId: string): Clocks {
    return new Map(
      this.of(docId).map(({ client: { doc } }) => [doc.clientID, Y.getState(doc.store, doc.clientID)]),
    )
  }

  /** Whether every client of `docId` holds at least these edits. */
  allHold(docId: string, clocks: Clocks): boolean {
    return this.of(docId).every(({ client: { doc } }) =>
      [...clocks].every(([writer, clock]) => Y.getState(doc.store, writer) >= clock),
    )
  }

  /** Whether every client of `docId` is connected, has synced, and holds the same text as the others. */
  settled(docId: string): boolean {
    const typists = this.of(docId)
    const text = typists[0]?.client.text.toString()
    return typists.every(
      ({ client: { provider, text: own } }) =>
        provider.wsconnected && provider.synced && own.toString() === text,
    )
  }

  /**
   * Records, per document, the milliseconds until every client holds every edit any of them had typed when
   * this was called; `stop` ends the watch (documents not caught up by then record nothing).
   */
  watchConvergence(docIds: readonly string[], samples: number[]): { stop(): void } {
    const since = performance.now()
    const waiting = new Map(docIds.map((docId) => [docId, this.clocks(docId)]))
    const timer = setInterval(() => {
      for (const [docId, clocks] of waiting) {
        if (!this.allHold(docId, clocks)) continue
        samples.push(performance.now() - since)
        waiting.delete(docId)
      }
      if (waiting.size === 0) clearInterval(timer)
    }, 5)
    return { stop: () => clearInterval(timer) }
  }

  destroy(): void {
    this.stop()
    for (const { client } of this.typists) client.destroy()
  }

  private scheduleNext(typist: Typist): void {
    if (!this.typing) return
    const timer = setTimeout(
      () => {
        this.timers.delete(timer)
        this.type(typist)
        this.scheduleNext(typist)
      },
      this.intervalMs * (0.5 + this.random()),
    )
    this.timers.add(timer)
  }

  private type(typist: Typist): void {
    const token = `⟨c${typist.index}·${typist.tokens.length}⟩`
    const { text } = typist.client
    text.insert(this.random() < 0.5 ? 0 : text.length, token)
    typist.tokens.push(token)
  }
}
