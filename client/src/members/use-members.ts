import type { UserView } from '@rembuk/domain'
import { computed, shallowRef } from 'vue'
import { apiWithOfflineCopy } from '../api/http.js'

export type MemberItem = Pick<UserView, 'memberId' | 'name' | 'email' | 'role'>

const members = shallowRef<MemberItem[]>([])

/** The school's members, loaded once per page and shared, for names and team pickers. */
export function useMembers() {
  async function load(): Promise<void> {
    members.value = await apiWithOfflineCopy<MemberItem[]>('/api/members').catch(() => members.value)
  }
  if (members.value.length === 0) void load()
  const byId = computed(() => new Map(members.value.map((member) => [member.memberId, member])))
  return { members, byId, load, nameOf: (memberId: string) => byId.value.get(memberId)?.name ?? memberId }
}
