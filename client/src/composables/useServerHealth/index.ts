import { onScopeDispose, ref } from 'vue'

export interface ServerHealth {
  status: string
  store: { kind: string; position: number }
  documents: { open: number }
}

/** The server's `/health`, fetched now and every `intervalMs`; null while it cannot be reached. */
export function useServerHealth(intervalMs = 10_000) {
  const health = ref<ServerHealth | null>(null)
  const refresh = async () => {
    try {
      const response = await fetch('/health')
      health.value = response.ok ? ((await response.json()) as ServerHealth) : null
    } catch {
      health.value = null
    }
  }
  void refresh()
  const timer = setInterval(refresh, intervalMs)
  onScopeDispose(() => clearInterval(timer))
  return { health, refresh }
}
