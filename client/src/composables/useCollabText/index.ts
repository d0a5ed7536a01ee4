import { onScopeDispose, type Ref, ref, shallowRef } from 'vue'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { diffText, shiftCaret, type TextDelta } from './text-diff.js'

export type ConnectionState = 'connecting' | 'connected' | 'disconnected'

export interface Peer {
  clientId: number
  name: string
  color: string
}

export interface CollabText {
  value: Ref<string>
  connection: Ref<ConnectionState>
  synced: Ref<boolean>
  peers: Ref<Peer[]>
  color: string
  /** Applies what the person typed (the textarea's new value) as one Yjs change. */
  edit(next: string): void
  /** Registers a function told of each remote change, after `value` holds the new text. */
  onRemoteChange(listener: (delta: TextDelta) => void): void
}

const colors = ['#1f6f5c', '#b5541c', '#3b5bdb', '#a61e4d', '#5c940d', '#862e9c']

export function collabUrl(location: Location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`
}

/** One shared text (`catatan`) of a document, kept in sync through the server with the y-websocket provider. */
export function useCollabText(docId: string, name: string, token: string): CollabText {
  const doc = new Y.Doc()
  const text = doc.getText('catatan')
  const provider = new WebsocketProvider(collabUrl(window.location), docId, doc, { params: { token } })
  const color = colors[doc.clientID % colors.length] ?? '#1f6f5c'
  const value = ref('')
  const connection = ref<ConnectionState>('connecting')
  const synced = ref(false)
  const peers = shallowRef<Peer[]>([])
  const remoteListeners: ((delta: TextDelta) => void)[] = []

  provider.awareness.setLocalStateField('user', { name, color })
  provider.on('status', ({ status }) => {
    connection.value = status
  })
  provider.on('sync', (isSynced) => {
    synced.value = isSynced
  })
  provider.awareness.on('change', () => {
    peers.value = [...provider.awareness.getStates()]
      .filter(([clientId, state]) => clientId !== doc.clientID && state.user)
      .map(([clientId, state]) => ({
        clientId,
        name: String(state.user.name),
        color: String(state.user.color),
      }))
  })
  text.observe((event) => {
    value.value = text.toString()
    if (event.transaction.local) return
    for (const listener of remoteListeners) listener(event.delta)
  })

  onScopeDispose(() => {
    provider.destroy()
    doc.destroy()
  })

  return {
    value,
    connection,
    synced,
    peers,
    color,
    edit(next: string) {
      const change = diffText(text.toString(), next)
      if (!change) return
      doc.transact(() => {
        if (change.remove > 0) text.delete(change.index, change.remove)
        if (change.insert) text.insert(change.index, change.insert)
      })
    },
    onRemoteChange(listener) {
      remoteListeners.push(listener)
    },
  }
}

export { shiftCaret }
