import type { HistoryEntry, HistoryPage } from '@rembuk/domain'
import { ref, shallowRef } from 'vue'
import { useSession } from '../useSession/index.js'

export type HistoryState = 'idle' | 'loading' | 'ready' | 'empty' | 'error'

async function fetchPage(docId: string, query: string): Promise<HistoryPage | null> {
  const response = await useSession().authorizedFetch(
    `/api/docs/${encodeURIComponent(docId)}/history?${query}`,
  )
  if (response.status === 404) return null
  if (!response.ok) throw new Error(`history: HTTP ${response.status}`)
  return (await response.json()) as HistoryPage
}

/** The newest `count` stored events of a document, newest first, fetched each time `load` is called. */
export function useDocHistory(docId: string, count = 20) {
  const entries = shallowRef<HistoryEntry[]>([])
  const state = ref<HistoryState>('idle')
  let latestLoad = 0

  async function load() {
    const current = ++latestLoad
    state.value = 'loading'
    try {
      const first = await fetchPage(docId, 'from=0&limit=1')
      const page =
        first && (await fetchPage(docId, `from=${Math.max(0, first.head - count + 1)}&limit=${count}`))
      if (current !== latestLoad) return
      entries.value = page ? [...page.entries].reverse() : []
      state.value = entries.value.length > 0 ? 'ready' : 'empty'
    } catch {
      if (current === latestLoad) state.value = 'error'
    }
  }

  return { entries, state, load }
}
