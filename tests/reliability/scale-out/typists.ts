import { type CollabClient, connectClient } from '../../support/collab-clients.js'

export const tokenPattern = /\[c\d+-\d+\]/g

export interface Typist {
  index: number
  client: CollabClient
  /** Every token this client typed, in order; each is unique across all clients. */
  tokens: string[]
  /** Closes its provider saw (a connection lost or an attempt refused), each followed by its own retry. */
  closes: number
}

/**
 * Stock y-websocket clients in one document, each typing a unique token (`[c3-0042]`) every `intervalMs` as
 * one insert at the start or the end of the text, so that no insert lands inside another token. They keep
 * typing while their server is away: the edits wait in their documents until the provider reconnects.
 */
export class Typists {
  readonly typists: Typist[]
  private readonly timers = new Set<NodeJS.Timeout>()
  private turn = 0

  constructor(
    collabUrl: string,
    docId: string,
    tokens: readonly string[],
    private readonly intervalMs: number,
  ) {
    this.typists = tokens.map((token, index) => {
      const typist: Typist = {
        index,
        client: connectClient(collabUrl, docId, token),
        tokens: [],
        closes: 0,
      }
      typist.client.provider.on('connection-close', () => {
        typist.closes += 1
      })
      return typist
    })
  }

  get typed(): string[] {
    return this.typists.flatMap((typist) => typist.tokens)
  }

  get closes(): number {
    return this.typists.reduce((sum, typist) => sum + typist.closes, 0)
  }

  async synced(timeoutMs: number): Promise<void> {
    await Promise.all(this.typists.map(({ client }) => client.synced(timeoutMs)))
  }

  start(): void {
    if (this.timers.size > 0) return
    for (const typist of this.typists) {
      const offset = (this.intervalMs * typist.index) / this.typists.length
      const starter = setTimeout(() => {
        this.timers.delete(starter)
        this.type(typist)
        const timer = setInterval(() => this.type(typist), this.intervalMs)
        this.timers.add(timer)
      }, offset)
      this.timers.add(starter)
    }
  }

  stop(): void {
    for (const timer of this.timers) clearTimeout(timer)
    this.timers.clear()
  }

  texts(): string[] {
    return this.typists.map(({ client }) => client.text.toString())
  }

  /** Every client holds the same text, and it holds every token typed so far. */
  converged(): boolean {
    const texts = this.texts()
    const first = texts[0] ?? ''
    if (texts.some((text) => text !== first)) return false
    const found = new Set(first.match(tokenPattern))
    return this.typed.every((token) => found.has(token))
  }

  /**
   * Each client that lacks tokens: whether it is connected and synced, where its connection leads (`via`,
   * from the client's local port), and what it lacks, by the client that typed it; then where each client is.
   */
  lagging(via: (localPort: number | undefined) => string | undefined): string[] {
    const typed = this.typed
    const localPort = (provider: Typist['client']['provider']) =>
      (provider.ws as unknown as { _socket?: { localPort?: number } } | null)?._socket?.localPort
    const where = this.typists
      .map(({ index, client: { provider } }) => `c${index} via ${via(localPort(provider)) ?? 'unknown'}`)
      .join(', ')
    const lagging = this.typists.flatMap(({ index, client: { provider, text } }) => {
      const { lost } = countTokens(text.toString(), typed)
      if (lost.length === 0) return []
      const byWriter = new Map<string, string[]>()
      for (const token of lost) {
        const writer = token.slice(1, token.indexOf('-'))
        byWriter.set(writer, [...(byWriter.get(writer) ?? []), token])
      }
      const what = [...byWriter]
        .map(([writer, tokens]) => `${tokens.length} of ${writer}'s (${tokens[0]}…${tokens.at(-1)})`)
        .join(', ')
      const state = [
        provider.wsconnected ? 'connected' : 'not connected',
        provider.synced ? 'synced' : 'not synced',
      ]
      const route = via(localPort(provider)) ?? 'unknown'
      return [`c${index} (${state.join(', ')}, via ${route}) lacks ${lost.length}: ${what}`]
    })
    return lagging.length > 0 ? [...lagging, `the clients: ${where}`] : []
  }

  destroy(): void {
    this.stop()
    for (const { client } of this.typists) client.destroy()
  }

  private type(typist: Typist): void {
    const token = `[c${typist.index}-${String(typist.tokens.length).padStart(4, '0')}]`
    const { text } = typist.client
    text.insert(this.turn++ % 2 === 0 ? 0 : text.length, token)
    typist.tokens.push(token)
  }
}

export interface TokenCount {
  typed: number
  /** Typed tokens the text holds (once or more). */
  held: number
  /** Typed tokens the text does not hold. */
  lost: string[]
  /** Tokens the text holds more than once, with how often. */
  duplicated: string[]
  /** Tokens nobody typed, and characters outside any token. */
  strangers: string[]
  leftover: number
}

export function countTokens(text: string, typed: readonly string[]): TokenCount {
  const found = new Map<string, number>()
  for (const [token] of text.matchAll(tokenPattern)) found.set(token, (found.get(token) ?? 0) + 1)
  const typedSet = new Set(typed)
  return {
    typed: typed.length,
    held: typed.filter((token) => found.has(token)).length,
    lost: typed.filter((token) => !found.has(token)),
    duplicated: [...found].filter(([, n]) => n > 1).map(([token, n]) => `${token}×${n}`),
    strangers: [...found.keys()].filter((token) => !typedSet.has(token)),
    leftover: text.replace(tokenPattern, '').length,
  }
}
