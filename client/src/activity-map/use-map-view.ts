import { computed, onScopeDispose, ref } from 'vue'

export type MapView = 'canvas' | 'list'

/** Canvas on wide screens, a list of cards on phones, unless the member picked one. */
export function useMapView() {
  const narrowQuery = window.matchMedia('(max-width: 699px)')
  const narrow = ref(narrowQuery.matches)
  const onChange = (event: MediaQueryListEvent) => {
    narrow.value = event.matches
  }
  narrowQuery.addEventListener('change', onChange)
  onScopeDispose(() => narrowQuery.removeEventListener('change', onChange))

  const chosen = ref<MapView | null>(null)
  const view = computed<MapView>(() => chosen.value ?? (narrow.value ? 'list' : 'canvas'))
  const toggle = () => {
    chosen.value = view.value === 'canvas' ? 'list' : 'canvas'
  }
  return { view, toggle }
}
