import { io, type Socket } from 'socket.io-client'
import { WebSocket } from 'ws'
import type { Emit, SocketCase } from './fuzz-packets.js'

/**
 * How a socket.io case ended: `ack ok` / `ack error` (every emit that asked for an answer got one, and the
 * probe too), `refused` (an `error:refused` event), `answered` (only the probe was answered), `disconnect
 * <reason> [code]` / `close <code>` (the server let go), `connect error`; `no reply` and `ack missing` when
 * the server stayed silent for `replyTimeoutMs`.
 */
export function runSocketCase(
  fuzzCase: SocketCase,
  httpUrl: string,
  token: string,
  replyTimeoutMs: number,
): Promise<string> {
  return fuzzCase.raw
    ? viaRaw(fuzzCase.raw, httpUrl, token, replyTimeoutMs)
    : viaClient(fuzzCase.emits ?? [], httpUrl, token, replyTimeoutMs)
}

async function viaClient(emits: Emit[], httpUrl: string, token: string, replyTimeoutMs: number) {
  const socket = io(httpUrl, {
    path: '/socket.io',
    transports: ['websocket'],
    auth: { token },
    reconnection: false,
    forceNew: true,
    timeout: replyTimeoutMs,
  })
  let refused = false
  socket.on('error:refused', () => {
    refused = true
  })
  const disconnected = new Promise<string>((resolve) =>
    socket.on('disconnect', (reason, details) => {
      const code = (details as { context?: { code?: number } } | undefined)?.context?.code
      resolve(`${refused ? 'refused + ' : ''}disconnect ${reason}${code ? ` ${code}` : ''}`)
    }),
  )
  try {
    const connectError = await connected(socket)
    if (connectError) return `connect error ${connectError}`
    const acks = emits.map((emit) => send(socket, emit, replyTimeoutMs))
    const probe = answer(socket.timeout(replyTimeoutMs).emitWithAck('presence:list'))
    const answered = Promise.all([...acks, probe]).then((all) => {
      const probeResult = all.pop()
      const results = all.filter((result) => result !== 'none')
      if (probeResult === 'missing') return 'no reply'
      if (results.includes('missing')) return 'ack missing'
      if (results.length > 0) return results.includes('error') ? 'ack error' : 'ack ok'
      return refused ? 'refused' : 'answered'
    })
    return await Promise.race([answered, disconnected])
  } finally {
    socket.disconnect()
  }
}

function connected(socket: Socket): Promise<string | undefined> {
  return new Promise((resolve) => {
    socket.once('connect', () => resolve(undefined))
    socket.once('connect_error', (error) => resolve(error.message))
  })
}

/** What the server answered an emit with: `ok`, `error`, `missing` (nothing in time), `none` (no ack asked). */
function send(socket: Socket, { event, args, ack }: Emit, replyTimeoutMs: number): Promise<string> {
  if (!ack) {
    socket.emit(event, ...args)
    return Promise.resolve('none')
  }
  return answer(socket.timeout(replyTimeoutMs).emitWithAck(event, ...args))
}

const answer = (reply: Promise<unknown>): Promise<string> =>
  reply.then(
    (body) => ((body as { ok?: unknown } | undefined)?.ok === true ? 'ok' : 'error'),
    () => 'missing',
  )

const probeAckId = 99_999

/** The engine.io handshake by hand (`0` open, `40{auth}` connect), then the packets, then a probe. */
function viaRaw(packets: (string | Uint8Array)[], httpUrl: string, token: string, replyTimeoutMs: number) {
  return new Promise<string>((resolve) => {
    const socket = new WebSocket(`${httpUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`)
    const seen = new Set<string>()
    let connectedYet = false
    const timer = setTimeout(() => finish('no reply'), replyTimeoutMs)
    const finish = (outcome: string) => {
      clearTimeout(timer)
      resolve([...seen, outcome].join(' + '))
      if (socket.readyState === WebSocket.OPEN) socket.close()
      else if (socket.readyState === WebSocket.CONNECTING) socket.terminate()
    }
    socket.on('message', (data: Buffer, isBinary: boolean) => {
      const text = isBinary ? '' : data.toString()
      if (text.startsWith('0')) socket.send(`40${JSON.stringify({ token })}`)
      else if (text === '2') socket.send('3')
      else if (text.startsWith('40') && !connectedYet) {
        connectedYet = true
        for (const packet of packets) socket.send(packet, { binary: typeof packet !== 'string' })
        socket.send(`42${probeAckId}["presence:list"]`)
      } else if (text.startsWith('44')) seen.add('connect error')
      else if (text.startsWith('42["error:refused"')) seen.add('refused')
      else if (text.startsWith(`43${probeAckId}[`)) finish('answered')
    })
    socket.on('close', (code) => finish(`close ${code}`))
    socket.on('error', () => undefined)
  })
}
