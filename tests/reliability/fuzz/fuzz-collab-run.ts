import { WebSocket } from 'ws'
import type { CollabCase, Seat } from './fuzz-frames.js'
import { isSyncStep1, isSyncStep2, probeFrame } from './fuzz-wire.js'

export interface CollabTargets {
  collabUrl: string
  target: string
  /** The other document: the filler seat writes there. */
  filler: string
  /** Session tokens by seat; a case takes the one its index points at. */
  tokens: Record<Seat, readonly string[]>
}

/**
 * How a case's connections ended, one outcome each: `open` (the probe was answered, then the client closed
 * it), `close <code>` (the server closed it), `http <status>` (the handshake was refused), `no reply` (open,
 * yet neither an answer to the probe nor a close within `replyTimeoutMs`), or `error <code>`.
 */
export async function runCollabCase(
  fuzzCase: CollabCase,
  targets: CollabTargets,
  index: number,
  replyTimeoutMs: number,
): Promise<string[]> {
  const tokens = targets.tokens[fuzzCase.seat]
  const token = tokens[index % tokens.length] as string
  const docId = fuzzCase.seat === 'filler' ? targets.filler : targets.target
  const { handshake } = fuzzCase
  if (handshake) {
    const path = handshake.path === 'target' ? targets.target : handshake.path
    const query = { none: '', forged: `?token=${token.slice(0, -4)}AAAA`, valid: `?token=${token}` }
    return [await exchange(`${targets.collabUrl}/${path}${query[handshake.token]}`, [], replyTimeoutMs)]
  }
  const url = `${targets.collabUrl}/${docId}?token=${token}`
  if (fuzzCase.connections === undefined) return [await exchange(url, fuzzCase.frames, replyTimeoutMs)]
  return connectionsAtOnce(url, fuzzCase.connections, replyTimeoutMs)
}

/**
 * Opens all but one of `count` connections, then the last one. A connection the server closed meanwhile
 * (which frees its slot) is told as its close, so that a last connection let in then is explained.
 */
async function connectionsAtOnce(url: string, count: number, replyTimeoutMs: number): Promise<string[]> {
  const held = Array.from({ length: count - 1 }, () => openOnly(url, replyTimeoutMs))
  const heldOutcomes = await Promise.all(held.map((connection) => connection.outcome))
  const last = openOnly(url, replyTimeoutMs)
  const lastOutcome = await last.outcome
  const outcomes = held.map((connection, i) =>
    connection.closedWith === undefined ? (heldOutcomes[i] as string) : `close ${connection.closedWith}`,
  )
  await Promise.all([...held, last].map((connection) => connection.close()))
  return [...outcomes, lastOutcome]
}

/**
 * Sends the frames and then the probe (a sync step 1, answered with a sync step 2 after every frame before it
 * has been handled), and waits for the answer to the probe or a close.
 */
function exchange(
  url: string,
  frames: readonly (Uint8Array | string)[],
  replyTimeoutMs: number,
): Promise<string> {
  const answersNeeded = 1 + frames.filter(isSyncStep1).length
  let answers = 0
  const connection = openOnly(url, replyTimeoutMs, (socket) => {
    for (const frame of frames) socket.send(frame, { binary: typeof frame !== 'string' })
    socket.send(probeFrame)
  })
  connection.socket.on('message', (data: Buffer, isBinary: boolean) => {
    if (isBinary && isSyncStep2(data)) answers += 1
    if (answers >= answersNeeded) connection.settle('open')
  })
  return connection.outcome.then(async (outcome) => {
    await connection.close()
    return outcome
  })
}

interface Connection {
  socket: WebSocket
  outcome: Promise<string>
  /** The close code, once closed. */
  readonly closedWith: number | undefined
  settle(outcome: string): void
  /** Closes it (if the server has not) and waits until it is closed. */
  close(): Promise<void>
}

function openOnly(url: string, replyTimeoutMs: number, onOpen?: (socket: WebSocket) => void): Connection {
  const socket = new WebSocket(url)
  let settle: (outcome: string) => void = () => undefined
  const outcome = new Promise<string>((resolve) => {
    const timer = setTimeout(() => settle('no reply'), replyTimeoutMs)
    settle = (value) => {
      clearTimeout(timer)
      resolve(value)
    }
  })
  let opened = false
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()))
  socket.on('open', () => {
    opened = true
    if (onOpen) onOpen(socket)
    else settle('open')
  })
  socket.on('unexpected-response', (_request, response) => {
    settle(`http ${response.statusCode}`)
    socket.terminate()
  })
  let closedWith: number | undefined
  socket.on('close', (code) => {
    closedWith = code
    settle(`close ${code}`)
  })
  socket.on('error', (error: NodeJS.ErrnoException) => {
    if (!opened) settle(`error ${error.code ?? error.message}`)
  })
  return {
    socket,
    outcome,
    get closedWith() {
      return closedWith
    },
    settle,
    async close() {
      if (socket.readyState === WebSocket.OPEN) socket.close(1000)
      const timer = setTimeout(() => socket.terminate(), replyTimeoutMs)
      await closed
      clearTimeout(timer)
    },
  }
}

/** The document's whole state as the server sends it in answer to a sync step 1 with an empty state vector. */
export function fetchState(
  collabUrl: string,
  docId: string,
  token: string,
  timeoutMs: number,
): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`${collabUrl}/${docId}?token=${token}`)
    const timer = setTimeout(() => {
      socket.terminate()
      reject(new Error(`${docId}: no sync step 2 within ${timeoutMs} ms`))
    }, timeoutMs)
    socket.on('open', () => socket.send(probeFrame))
    socket.on('message', (data: Buffer) => {
      if (!isSyncStep2(data)) return
      clearTimeout(timer)
      socket.close()
      resolve(new Uint8Array(data.subarray(2 + lengthBytes(data.subarray(2)))))
    })
    socket.on('error', reject)
  })
}

const lengthBytes = (bytes: Uint8Array) => bytes.findIndex((byte) => byte < 0x80) + 1
