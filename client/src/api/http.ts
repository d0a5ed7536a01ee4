/** An HTTP answer that was not a success, with the server's reason. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message)
  }
}

type TokenSource = () => string | null
type Unauthorized = () => void

let tokenOf: TokenSource = () => null
let onUnauthorized: Unauthorized = () => {}

/** Connects the HTTP helpers to the session: where the token comes from, what a 401 does. */
export function useAuthorization(source: TokenSource, unauthorized: Unauthorized): void {
  tokenOf = source
  onUnauthorized = unauthorized
}

async function failure(response: Response): Promise<ApiError> {
  try {
    const body = (await response.json()) as { message?: string; issues?: { path: string; message: string }[] }
    const details = body.issues?.map((issue) => `${issue.path}: ${issue.message}`).join('; ')
    return new ApiError(
      response.status,
      details ? `${body.message}: ${details}` : (body.message ?? `HTTP ${response.status}`),
    )
  } catch {
    return new ApiError(response.status, `HTTP ${response.status}`)
  }
}

/** JSON over HTTP with the session's token; a 401 ends the session and forgets what it kept offline. */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const headers = new Headers()
  const token = tokenOf()
  if (token) headers.set('authorization', `Bearer ${token}`)
  if (init.body !== undefined) headers.set('content-type', 'application/json')
  const response = await fetch(path, {
    method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  })
  if (response.status === 401 && token) {
    forgetOfflineCopies()
    onUnauthorized()
  }
  if (!response.ok) throw await failure(response)
  if (response.status === 204) return undefined as T
  return (await response.json()) as T
}

const offlineCopyKey = (path: string) => `rembuk.copy.${path}`

/**
 * A GET whose last answer is kept in this browser: when the network is gone (not when the server refuses),
 * the kept answer serves, so that a document opened before still opens offline.
 */
export async function apiWithOfflineCopy<T>(path: string): Promise<T> {
  try {
    const answer = await api<T>(path)
    localStorage.setItem(offlineCopyKey(path), JSON.stringify(answer))
    return answer
  } catch (error) {
    const copy = error instanceof ApiError ? null : localStorage.getItem(offlineCopyKey(path))
    if (copy === null) throw error
    return JSON.parse(copy) as T
  }
}

/** Forgets every kept answer, e.g. when the member signs out on a shared device. */
export function forgetOfflineCopies(): void {
  for (const key of Object.keys(localStorage)) {
    if (key.startsWith(offlineCopyKey(''))) localStorage.removeItem(key)
  }
}
