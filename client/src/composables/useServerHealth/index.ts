import { onScopeDispose, ref } from 'vue'

export interface ServerHealth {
  status: string
  store: { kind: string; position: number }
  documents: { open: number }
}

/** The server's `/health`, fetched now and every `intervalMs`; `reachable` is null until the first answer. */
export function useServerHealth(intervalMs = 10_000) {
  const health = ref<ServerHealth | null>(null)
  const reachable = ref<boolean | null>(null)

  async function refresh() {
    try {
      const response = await fetch('/health', { signal: AbortSignal.timeout(intervalMs / 2) })
      health.value = response.ok ? ((await response.json()) as ServerHealth) : null
    } catch {
      health.value = null
    }
    reachable.value = health.value !== null
  }

  void refresh()
  const timer = setInterval(refresh, intervalMs)
  onScopeDispose(() => clearInterval(timer))
  return { health, reachable, refresh }
}
