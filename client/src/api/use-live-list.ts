import { onMounted, type Ref, ref, type ShallowRef, shallowRef, watch } from 'vue'
import { useRealtimeStore } from '../stores/realtime.js'
import { ApiError } from './http.js'

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

export interface LiveRecord<T> {
  record: ShallowRef<T | null>
  /** Why the last load failed, or '' */
  error: Ref<string>
  /** The server answered 404: no such record in this school. */
  missing: Ref<boolean>
  load(): Promise<void>
}

/**
 * One record of the school, loaded on mount, again whenever a record of the school changes, and afresh (shown
 * empty meanwhile) when the route names another.
 */
export function useLiveRecord<T>(id: () => string, fetchRecord: (id: string) => Promise<T>): LiveRecord<T> {
  const record = shallowRef<T | null>(null)
  const error = ref('')
  const missing = ref(false)
  async function load() {
    try {
      record.value = await fetchRecord(id())
      error.value = ''
      missing.value = false
    } catch (e) {
      missing.value = e instanceof ApiError && e.status === 404
      error.value = (e as Error).message
    }
  }
  onMounted(load)
  const realtime = useRealtimeStore()
  watch(() => realtime.listsChanged, load)
  watch(id, () => {
    record.value = null
    void load()
  })
  return { record, error, missing, load }
}
