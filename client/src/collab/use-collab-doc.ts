import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import { onScopeDispose, type Ref, ref, shallowRef } from 'vue'
import { IndexeddbPersistence } from 'y-indexeddb'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { api } from '../api/http.js'
import { FailedHandshakes } from './failed-handshakes.js'
import { changeOf, type DeleteSet, PendingChanges } from './pending-changes.js'

export type ConnectionState = 'connecting' | 'connected' | 'disconnected' | 'revoked' | 'full'

export interface CollabUser {
  memberId: string
  name: string
  color: string
}

export interface Peer extends CollabUser {
  clientId: number
}

export interface CollabDoc {
  doc: Y.Doc
  provider: WebsocketProvider
  user: CollabUser
  connection: Ref<ConnectionState>
  /** Synced with the server at least once since the page opened. */
  synced: Ref<boolean>
  /** The copy kept in this browser (IndexedDB) is loaded. */
  restored: Ref<boolean>
  /** Local edits the server has not yet confirmed, kept across reloads. */
  unsynced: Ref<number>
  /** Everyone else who has this document open now. */
  peers: Ref<Peer[]>
}

const messageSync = 0
/** The server's close codes after which reconnecting cannot help (the provider stops by itself on 44xx). */
const finalCloses: Record<number, ConnectionState> = { 4403: 'revoked', 4413: 'full' }
const syncStep1 = 0
const syncStep2 = 1
const palette = ['#1f6f5c', '#b5541c', '#3b5bdb', '#a61e4d', '#5c940d', '#862e9c', '#0b7285', '#e8590c']

export function colorOf(memberId: string): string {
  let hash = 0
  for (const char of memberId) hash = (hash * 31 + char.charCodeAt(0)) | 0
  return palette[Math.abs(hash) % palette.length] ?? '#1f6f5c'
}

export function collabUrl(location: Location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`
}

function stateVectorRequest(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarUint(encoder, messageSync)
  encoding.writeVarUint(encoder, syncStep1)
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc))
  return encoding.toUint8Array(encoder)
}

/**
 * A shared document: kept in this browser (IndexedDB) so it opens and takes edits offline, synced through the
 * server with the stock y-websocket provider. Every sync answer of the server carries its state vector and
 * delete set, from which the count of unconfirmed local edits is kept. When the browser reports the network
 * gone, the connection is dropped at once rather than when the socket times out, and made again when it is back.
 */
export function useCollabDoc(
  docId: string,
  options: { token: string; user: Omit<CollabUser, 'color'>; writable: boolean },
): CollabDoc {
  const doc = new Y.Doc()
  const user: CollabUser = { ...options.user, color: colorOf(options.user.memberId) }
  const local = new IndexeddbPersistence(`rembuk:${docId}`, doc)
  const provider = new WebsocketProvider(collabUrl(window.location), docId, doc, {
    params: { token: options.token },
    connect: navigator.onLine,
  })
  const pending = new PendingChanges(`rembuk.unsynced.${docId}`)
  const connection = ref<ConnectionState>(navigator.onLine ? 'connecting' : 'disconnected')
  const synced = ref(false)
  const restored = ref(false)
  const unsynced = ref(pending.count)
  const peers = shallowRef<Peer[]>([])
  let serverDeletes: DeleteSet | null = null
  let askTimer: ReturnType<typeof setTimeout> | undefined

  const askServer = () => {
    askTimer = undefined
    if (provider.wsconnected && provider.ws) provider.ws.send(stateVectorRequest(doc))
  }
  const scheduleAsk = (delay = 700) => {
    if (askTimer === undefined && pending.count > 0) askTimer = setTimeout(askServer, delay)
  }

  const readSync = provider.messageHandlers[messageSync]
  provider.messageHandlers[messageSync] = (encoder, decoder, ...rest) => {
    const peek = decoding.clone(decoder)
    const step = decoding.readVarUint(peek)
    const payload = decoding.readVarUint8Array(peek)
    readSync?.(encoder, decoder, ...rest)
    if (step === syncStep2) serverDeletes = Y.decodeUpdate(payload).ds
    if (step === syncStep1) {
      unsynced.value = pending.confirm({ stateVector: Y.decodeStateVector(payload), deleted: serverDeletes })
      serverDeletes = null
      scheduleAsk(1500)
    }
  }

  doc.on('afterTransaction', (transaction: Y.Transaction) => {
    if (!options.writable || !transaction.local) return
    const change = changeOf(transaction, doc.clientID)
    if (!change) return
    pending.add(change)
    unsynced.value = pending.count
    scheduleAsk()
  })
  local.on('synced', () => {
    restored.value = true
  })
  const handshakes = new FailedHandshakes(() => void api('/api/auth/me').catch(() => {}))
  const stopped = () => connection.value === 'revoked' || connection.value === 'full'
  provider.on('status', ({ status }) => {
    if (stopped()) return
    connection.value = status
    if (status === 'connected') {
      handshakes.connected()
      scheduleAsk()
    }
  })
  provider.on('connection-close', (event) => {
    const final = event ? finalCloses[event.code] : undefined
    if (!final) {
      if (event && navigator.onLine) handshakes.closed()
      return
    }
    connection.value = final
    provider.disconnect()
  })
  provider.on('sync', (isSynced: boolean) => {
    if (isSynced) synced.value = true
  })
  provider.awareness.setLocalStateField('user', user)
  provider.awareness.on('change', () => {
    peers.value = [...provider.awareness.getStates()]
      .filter(([clientId, state]) => clientId !== doc.clientID && state.user)
      .map(([clientId, state]) => ({ clientId, ...(state.user as CollabUser) }))
  })

  const keepPending = () => pending.flush()
  window.addEventListener('pagehide', keepPending)
  const goOffline = () => {
    provider.disconnect()
    connection.value = 'disconnected'
  }
  const goOnline = () => {
    if (!stopped()) provider.connect()
  }
  window.addEventListener('offline', goOffline)
  window.addEventListener('online', goOnline)

  onScopeDispose(() => {
    window.removeEventListener('offline', goOffline)
    window.removeEventListener('online', goOnline)
    window.removeEventListener('pagehide', keepPending)
    pending.flush()
    clearTimeout(askTimer)
    provider.destroy()
    void local.destroy()
    doc.destroy()
  })

  return { doc, provider, user, connection, synced, restored, unsynced, peers }
}
