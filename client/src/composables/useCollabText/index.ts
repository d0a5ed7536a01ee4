import { onScopeDispose, type Ref, ref, shallowRef } from 'vue'
import { WebsocketProvider } from 'y-websocket'
import * as Y from 'yjs'
import { diffText, shiftCaret, type TextChange } from './text-diff.js'

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
  /** Applies what the person typed (the textarea's new value) as one Yjs change. */
  edit(next: string): void
  /** Registers a function told of each remote change, to move the caret with the text. */
  onRemoteChange(listener: (change: TextChange) => void): void
}

const colors = ['#1f6f5c', '#b5541c', '#3b5bdb', '#a61e4d', '#5c940d', '#862e9c']

export function collabUrl(location: Location): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/collab`
}

/** One shared text (`catatan`) of a document, kept in sync through the server with the y-websocket provider. */
export function useCollabText(docId: string, name: string, actor: string): CollabText {
  const doc = new Y.Doc()
  const text = doc.getText('catatan')
  const provider = new WebsocketProvider(collabUrl(window.location), docId, doc, { params: { actor, name } })
  const value = ref('')
  const connection = ref<ConnectionState>('connecting')
  const synced = ref(false)
  const peers = shallowRef<Peer[]>([])
  const remoteListeners: ((change: TextChange) => void)[] = []

  provider.awareness.setLocalStateField('user', { name, color: colors[doc.clientID % colors.length] })
  provider.on('status', ({ status }: { status: ConnectionState }) => {
    connection.value = status
  })
  provider.on('sync', (isSynced: boolean) => {
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
    const before = value.value
    value.value = text.toString()
    if (event.transaction.local) return
    const change = diffText(before, value.value)
    if (change) for (const listener of remoteListeners) listener(change)
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
