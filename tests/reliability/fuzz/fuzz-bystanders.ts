import { io, type Socket } from 'socket.io-client'
import type { Session } from '../../support/school.js'
import { seededRandom, waitFor } from '../crash/crash-checks.js'
import { TypingCrowd } from '../crash/typists.js'

interface Present {
  memberId: string
  docIds: string[]
}

const tokenPattern = /⟨c\d+·\d+⟩/g

/**
 * Two stock y-websocket clients typing unique tokens into the target document for the whole run, and one
 * socket.io client of the same school: none of them may ever be disconnected by what the fuzz cases send.
 */
export class Bystanders {
  readonly crowd: TypingCrowd
  readonly socket: Socket
  /** Every close of a typist's connection, and every disconnect of the socket.io client. */
  readonly disconnects: string[] = []
  presenceUpdates = 0
  private lastPresence: Present[] = []

  constructor(
    httpUrl: string,
    collabUrl: string,
    private readonly docId: string,
    typists: readonly Session[],
    private readonly watcher: Session,
    seed: number,
    /** What was going on when a bystander was disconnected (the cases in flight). */
    moment: () => string,
  ) {
    const seats = typists.map((typist) => ({ docId, token: typist.token }))
    this.crowd = new TypingCrowd(collabUrl, seats, seededRandom(seed), 100)
    for (const { index, client } of this.crowd.typists) {
      // The stock client gives up after a 44xx close; these come back, so that the rest of the run is observed.
      client.provider.shouldReconnect = () => true
      client.provider.on('connection-close', (event) =>
        this.disconnects.push(`typist c${index}: closed with ${event?.code ?? 'no code'} during ${moment()}`),
      )
    }
    this.socket = io(httpUrl, {
      path: '/socket.io',
      transports: ['websocket'],
      auth: { token: watcher.token },
      reconnection: false,
    })
    this.socket.on('presence:update', ({ members }: { members: Present[] }) => {
      this.presenceUpdates += 1
      this.lastPresence = members
    })
    this.socket.on('disconnect', (reason) =>
      this.disconnects.push(`socket.io watcher: ${reason} during ${moment()}`),
    )
  }

  async start(timeoutMs: number): Promise<void> {
    await Promise.all(this.crowd.typists.map(({ client }) => client.synced(timeoutMs)))
    if (!(await waitFor(() => this.socket.connected, timeoutMs)))
      throw new Error('the socket.io watcher did not connect')
    this.crowd.start()
  }

  /**
   * Stops typing and checks what the bystanders hold: one text, every token typed exactly once, no
   * disconnect, and presence still announced. Answers the text and the problems found.
   */
  async finish(timeoutMs: number): Promise<{ text: string; problems: string[] }> {
    await waitFor(() => this.crowd.typists.every((typist) => typist.tokens.length > 0), timeoutMs)
    this.crowd.stop()
    const problems = this.disconnects.slice(0, 6).map((line) => `bystander disconnected: ${line}`)
    if (this.disconnects.length > 6)
      problems.push(`bystanders disconnected ${this.disconnects.length - 6} more times`)
    const typists = this.crowd.typists
    if (!(await waitFor(() => this.crowd.settled(this.docId), timeoutMs))) {
      const states = typists.map(
        ({ index, client: { provider, text } }) =>
          `c${index}: ${provider.wsconnected ? 'connected' : 'disconnected'}, ${text.length} characters`,
      )
      problems.push(`the bystanders did not come to hold one text: ${states.join('; ')}`)
    }
    const text = typists[0]?.client.text.toString() ?? ''
    const found = new Map<string, number>()
    for (const [token] of text.matchAll(tokenPattern)) found.set(token, (found.get(token) ?? 0) + 1)
    const typed = typists.flatMap((typist) => typist.tokens)
    const lost = typed.filter((token) => !found.has(token))
    const repeated = [...found].filter(([, count]) => count > 1).map(([token]) => token)
    if (typists.some((typist) => typist.tokens.length === 0)) problems.push('a bystander typed nothing')
    if (lost.length > 0) problems.push(`${lost.length} typed tokens are lost: ${lost.slice(0, 10).join(' ')}`)
    if (repeated.length > 0) problems.push(`tokens held twice: ${repeated.slice(0, 10).join(' ')}`)
    problems.push(...(await this.presenceProblems(timeoutMs)))
    return { text, problems }
  }

  /** The watcher opens the target document and must see itself there in a presence update. */
  private async presenceProblems(timeoutMs: number): Promise<string[]> {
    if (!this.socket.connected) return ['the socket.io watcher is no longer connected']
    const before = this.presenceUpdates
    const ack = await this.socket.timeout(timeoutMs).emitWithAck('presence:open', { docId: this.docId })
    if ((ack as { ok?: unknown }).ok !== true) return [`presence:open was refused: ${JSON.stringify(ack)}`]
    const seen = await waitFor(
      () =>
        this.presenceUpdates > before &&
        this.lastPresence.some(
          (member) => member.memberId === this.watcher.user.memberId && member.docIds.includes(this.docId),
        ),
      timeoutMs,
    )
    return seen ? [] : ['the socket.io watcher got no presence update showing it on the document']
  }

  destroy(): void {
    this.crowd.destroy()
    this.socket.disconnect()
  }
}
