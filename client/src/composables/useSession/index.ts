import type { SessionView } from '@rembuk/domain'
import { computed, ref } from 'vue'

export type Session = SessionView

const storageKey = 'rembuk.session'

function stored(): Session | null {
  try {
    const raw = localStorage.getItem(storageKey)
    return raw ? (JSON.parse(raw) as Session) : null
  } catch {
    return null
  }
}

const session = ref<Session | null>(stored())

/** The reason the server gave, or a general one when it gave none. */
async function failure(response: Response): Promise<Error> {
  try {
    const body = (await response.json()) as { message?: string; issues?: { path: string; message: string }[] }
    const details = body.issues?.map((issue) => `${issue.path}: ${issue.message}`).join('; ')
    return new Error(details ? `${body.message}: ${details}` : (body.message ?? `HTTP ${response.status}`))
  } catch {
    return new Error(`HTTP ${response.status}`)
  }
}

async function start(path: string, body: unknown): Promise<Session> {
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  if (!response.ok) throw await failure(response)
  const started = (await response.json()) as Session
  session.value = started
  localStorage.setItem(storageKey, JSON.stringify(started))
  return started
}

function logOut(): void {
  session.value = null
  localStorage.removeItem(storageKey)
}

/** fetch with the session's token; a 401 ends the session so the sign-in screen comes back. */
async function authorizedFetch(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers)
  if (session.value) headers.set('authorization', `Bearer ${session.value.token}`)
  const response = await fetch(path, { ...init, headers })
  if (response.status === 401) logOut()
  return response
}

/** The signed-in member, shared by every component, kept across reloads in localStorage. */
export function useSession() {
  return {
    session,
    signedIn: computed(() => session.value !== null),
    setUp: (input: { schoolName: string; name: string; email: string; password: string }) =>
      start('/api/setup', input),
    logIn: (email: string, password: string) => start('/api/auth/login', { email, password }),
    acceptInvitation: (code: string, password: string) =>
      start('/api/auth/accept-invitation', { code, password }),
    logOut,
    authorizedFetch,
  }
}

export async function setUpNeeded(): Promise<boolean> {
  const response = await fetch('/api/setup')
  return response.ok && ((await response.json()) as { setUpNeeded: boolean }).setUpNeeded
}
