import type { SessionView, UserView } from '@rembuk/domain'
import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { api, useAuthorization } from '../api/http.js'

const storageKey = 'rembuk.session'

function stored(): SessionView | null {
  try {
    const raw = localStorage.getItem(storageKey)
    return raw ? (JSON.parse(raw) as SessionView) : null
  } catch {
    return null
  }
}

/** The signed-in member, kept across reloads (and offline) in localStorage. */
export const useSessionStore = defineStore('session', () => {
  const session = ref<SessionView | null>(stored())
  const user = computed<UserView | null>(() => session.value?.user ?? null)
  const token = computed(() => session.value?.token ?? null)

  function keep(started: SessionView): SessionView {
    session.value = started
    localStorage.setItem(storageKey, JSON.stringify(started))
    return started
  }

  function logOut(): void {
    session.value = null
    localStorage.removeItem(storageKey)
  }

  useAuthorization(
    () => session.value?.token ?? null,
    () => logOut(),
  )

  return {
    session,
    user,
    token,
    logOut,
    setUp: async (input: { schoolName: string; name: string; email: string; password: string }) =>
      keep(await api<SessionView>('/api/setup', { body: input })),
    logIn: async (email: string, password: string) =>
      keep(await api<SessionView>('/api/auth/login', { body: { email, password } })),
    acceptInvitation: async (code: string, password: string) =>
      keep(await api<SessionView>('/api/auth/accept-invitation', { body: { code, password } })),
    setUpNeeded: async () => (await api<{ setUpNeeded: boolean }>('/api/setup')).setUpNeeded,
  }
})
