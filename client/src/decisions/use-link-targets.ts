import type { ActivityMapJson } from '@rembuk/collab'
import type { ActivityMapRecord, Plan } from '@rembuk/domain'
import { computed, shallowRef } from 'vue'
import { apiWithOfflineCopy } from '../api/http.js'
import type { LinkTargets } from './links.js'

type Listed<T> = T & { id: string }

/** The school's plans, maps and learning groups, and the lanes of the maps asked for, to name what decisions link to. */
export function useLinkTargets() {
  const plans = shallowRef<Listed<Plan>[]>([])
  const maps = shallowRef<Listed<ActivityMapRecord>[]>([])
  const groups = shallowRef<{ groupId: string; name: string }[]>([])
  const lanes = shallowRef(new Map<string, { id: string; subject: string }[]>())
  const error = shallowRef('')

  async function load(): Promise<void> {
    try {
      const [loadedPlans, loadedMaps, loadedGroups] = await Promise.all([
        apiWithOfflineCopy<Listed<Plan>[]>('/api/plans'),
        apiWithOfflineCopy<Listed<ActivityMapRecord>[]>('/api/maps'),
        apiWithOfflineCopy<{ groupId: string; name: string }[]>('/api/groups').catch(() => groups.value),
      ])
      plans.value = loadedPlans
      maps.value = loadedMaps
      groups.value = loadedGroups
      error.value = ''
    } catch (e) {
      error.value = (e as Error).message
    }
  }

  async function loadLanes(mapId: string): Promise<void> {
    if (lanes.value.has(mapId)) return
    try {
      const map = await apiWithOfflineCopy<{ content: ActivityMapJson }>(
        `/api/maps/${encodeURIComponent(mapId)}`,
      )
      const next = new Map(lanes.value)
      next.set(
        mapId,
        map.content.lanes.map(({ id, subject }) => ({ id, subject })),
      )
      lanes.value = next
    } catch (e) {
      error.value = (e as Error).message
    }
  }

  const targets = computed<LinkTargets>(() => ({
    plans: plans.value,
    maps: maps.value,
    lanes: lanes.value,
    groups: groups.value,
  }))
  return { plans, maps, targets, error, load, loadLanes }
}
