import { onMounted, type Ref, ref, type ShallowRef, shallowRef, watch } from 'vue'
import { useRealtimeStore } from '../stores/realtime.js'

export interface LiveList<T> {
  items: ShallowRef<T[]>
  /** The first answer has come (or failed). */
  loaded: Ref<boolean>
  /** Why the last load failed, or '' */
  error: Ref<string>
  load(): Promise<void>
}

/** A list of the school's records, loaded on mount and again whenever a record of the school changes. */
export function useLiveList<T>(fetchList: () => Promise<T[]>): LiveList<T> {
  const items = shallowRef<T[]>([])
  const loaded = ref(false)
  const error = ref('')
  async function load() {
    try {
      items.value = await fetchList()
      error.value = ''
    } catch (e) {
      error.value = (e as Error).message
    } finally {
      loaded.value = true
    }
  }
  onMounted(load)
  const realtime = useRealtimeStore()
  watch(() => realtime.listsChanged, load)
  return { items, loaded, error, load }
}
