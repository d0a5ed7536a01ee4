import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider'
import { type RawData, WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import type { ClientKind, Seat } from './competitors.js'

/** Payload bytes through every client socket: `sent` is clients→server, `received` server→clients. */
export const wire = { sent: 0, received: 0 }

function size(data: unknown): number {
  if (typeof data === 'string') return Buffer.byteLength(data)
  if (Array.isArray(data)) return data.reduce((sum: number, part) => sum + size(part), 0)
  return (data as ArrayBufferLike | ArrayBufferView).byteLength
}

/** The ws WebSocket, counting message payloads (frame headers and the HTTP upgrade are not counted). */
class CountingSocket extends WebSocket {
  constructor(address: string | URL, protocols?: string | string[]) {
    super(address, protocols)
    this.on('message', (data: RawData) => {
      wire.received += size(data)
    })
    const send = this.send.bind(this)
    this.send = ((data: unknown, ...rest: never[]) => {
      wire.sent += size(data)
      return send(data as Buffer, ...rest)
    }) as WebSocket['send']
  }
}

export interface BenchClient {
  text: Y.Text
  synced(): boolean
  destroy(): void
}

export function connect(kind: ClientKind, url: string, seat: Seat): BenchClient {
  const doc = new Y.Doc()
  const text = doc.getText('catatan')
  if (kind === 'hocuspocus') {
    const websocketProvider = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: CountingSocket })
    const provider = new HocuspocusProvider({ websocketProvider, name: seat.docId, document: doc })
    provider.attach()
    return {
      text,
      synced: () => provider.isSynced,
      destroy() {
        provider.destroy()
        websocketProvider.destroy()
        doc.destroy()
      },
    }
  }
  const provider = new WebsocketProvider(url, seat.docId, doc, {
    WebSocketPolyfill: CountingSocket as never,
    params: seat.token ? { token: seat.token } : {},
    disableBc: true,
  })
  return {
    text,
    synced: () => provider.synced,
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

/** Resolves once every client has synced, or with the number that did not within `timeoutMs`. */
export function allSynced(clients: BenchClient[], timeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    const pending = () => clients.filter((c) => !c.synced()).length
    const started = performance.now()
    const check = setInterval(() => {
      const left = pending()
      if (left === 0 || performance.now() - started > timeoutMs) {
        clearInterval(check)
        resolve(left)
      }
    }, 50)
  })
}
