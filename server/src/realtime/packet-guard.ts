import type { Socket } from 'socket.io'
import { TokenBucket } from '../common/token-bucket.js'

/**
 * Checks every packet a socket.io client sends before a handler sees it: an event nobody handles is answered
 * with an error (through its acknowledgement when it has one), and a client that sends more messages a second
 * than the limit is told why and disconnected.
 */
export function guardPackets(socket: Socket, handled: ReadonlySet<string>, messagesPerSecond: number): void {
  const rate = new TokenBucket(messagesPerSecond)
  socket.use(([event, ...args], next) => {
    if (!rate.take()) {
      socket.emit('error:refused', { event, error: 'too many messages a second' })
      socket.disconnect(true)
      return
    }
    if (typeof event === 'string' && handled.has(event)) {
      next()
      return
    }
    const error = `unknown event: ${String(event).slice(0, 60)}`
    const ack = args.at(-1)
    if (typeof ack === 'function') ack({ ok: false, error })
    else socket.emit('error:refused', { event: String(event).slice(0, 60), error })
  })
}
