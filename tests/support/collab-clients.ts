import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

export interface CollabClient {
  doc: Y.Doc
  provider: WebsocketProvider
  text: Y.Text
  /** Resolves at the first sync with the server; rejects after `timeoutMs` (a refused or failing connection). */
  synced: (timeoutMs?: number) => Promise<void>
  destroy(): void
}

/**
 * The stock y-websocket provider, with ws standing in for the browser's WebSocket, signed in as the member
 * whose session token is given.
 */
export function connectClient(collabUrl: string, docId: string, token: string): CollabClient {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(collabUrl, docId, doc, {
    WebSocketPolyfill: WebSocket as never,
    params: { token },
    disableBc: true,
    maxBackoffTime: 200,
  })
  return {
    doc,
    provider,
    text: doc.getText('catatan'),
    synced: (timeoutMs = 30_000) =>
      provider.synced
        ? Promise.resolve()
        : new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
              provider.off('sync', onSync)
              reject(new Error(`${docId} did not sync within ${timeoutMs} ms`))
            }, timeoutMs)
            const onSync = (isSynced: boolean) => {
              if (!isSynced) return
              clearTimeout(timer)
              provider.off('sync', onSync)
              resolve()
            }
            provider.on('sync', onSync)
          }),
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}
