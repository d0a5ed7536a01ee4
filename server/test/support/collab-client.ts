import { WebSocket } from 'ws'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'

export interface CollabClient {
  doc: Y.Doc
  provider: WebsocketProvider
  text: Y.Text
  destroy(): void
}

/** The stock y-websocket provider, as a browser would use it, with ws standing in for the browser's WebSocket. */
export function connectClient(
  collabUrl: string,
  docId: string,
  actor: string,
  textName = 'catatan',
): CollabClient {
  const doc = new Y.Doc()
  const provider = new WebsocketProvider(collabUrl, docId, doc, {
    WebSocketPolyfill: WebSocket as never,
    params: { actor },
    disableBc: true,
    maxBackoffTime: 200,
  })
  return {
    doc,
    provider,
    text: doc.getText(textName),
    destroy() {
      provider.destroy()
      doc.destroy()
    },
  }
}

export function whenSynced(client: CollabClient): Promise<void> {
  if (client.provider.synced) return Promise.resolve()
  return new Promise((resolve) => {
    const onSync = (synced: boolean) => {
      if (!synced) return
      client.provider.off('sync', onSync)
      resolve()
    }
    client.provider.on('sync', onSync)
  })
}
