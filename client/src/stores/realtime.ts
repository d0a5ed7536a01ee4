import type { NotificationView, PresentMember } from '@rembuk/domain'
import { defineStore } from 'pinia'
import { io, type Socket } from 'socket.io-client'
import { ref, shallowRef } from 'vue'
import { api } from '../api/http.js'

/**
 * The live channel of the school (socket.io): who is online, notifications, and a tick whenever the lists of
 * plans or maps change. Reconnects by itself; `online` follows the browser's own idea of the network too.
 */
export const useRealtimeStore = defineStore('realtime', () => {
  const connected = ref(false)
  const online = ref(navigator.onLine)
  const present = shallowRef<PresentMember[]>([])
  const notifications = shallowRef<NotificationView[]>([])
  const listsChanged = ref(0)
  let socket: Socket | null = null

  window.addEventListener('online', () => {
    online.value = true
  })
  window.addEventListener('offline', () => {
    online.value = false
  })

  async function loadNotifications(): Promise<void> {
    notifications.value = await api<NotificationView[]>('/api/notifications')
  }

  function start(token: string): void {
    stop()
    socket = io({ path: '/socket.io', auth: { token }, transports: ['websocket'] })
    socket.on('connect', () => {
      connected.value = true
      void loadNotifications().catch(() => {})
    })
    socket.on('disconnect', (reason) => {
      connected.value = false
      // The server ends the session of a member removed or given another role; the new handshake says which.
      if (reason === 'io server disconnect') socket?.connect()
    })
    socket.on('connect_error', (error) => {
      // A refused session: the next API call answers 401, which signs out.
      if (error.message.startsWith('unauthorized')) void loadNotifications().catch(() => {})
    })
    socket.on('presence:update', ({ members }: { members: PresentMember[] }) => {
      present.value = members
    })
    socket.on('notification:new', (notification: NotificationView) => {
      notifications.value = [notification, ...notifications.value].slice(0, 30)
    })
    socket.on('records:changed', () => {
      listsChanged.value++
    })
    socket.on('maps:changed', () => {
      listsChanged.value++
    })
    socket.on('plans:changed', () => {
      listsChanged.value++
    })
  }

  function stop(): void {
    socket?.disconnect()
    socket = null
    connected.value = false
    present.value = []
  }

  function openDocument(docId: string): () => void {
    const current = socket
    current?.emit('presence:open', { docId })
    return () => current?.emit('presence:close', { docId })
  }

  return { connected, online, present, notifications, listsChanged, start, stop, openDocument }
})
