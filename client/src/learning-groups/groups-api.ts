import type { ActionPlan, GroupBasis, GroupKind, GroupReport, LearningGroup } from '@rembuk/domain'
import { api, apiWithOfflineCopy } from '../api/http.js'
import type { DecisionEventView } from '../decisions/types.js'

/** A group as the server shows it: its state, with an id and when it was formed and last changed. */
export type GroupView = LearningGroup & { id: string; created: string; updated: string }
export type GroupDetail = GroupView & { events: DecisionEventView[] }

export interface ForumView {
  month: string
  reports: { groupId: string; name: string; kind: GroupKind; leader: string; report: GroupReport }[]
  missing: { groupId: string; name: string; kind: GroupKind; leader: string }[]
}

export interface NewGroup {
  name: string
  kind: GroupKind
  basis: GroupBasis
  focus: string
  members: string[]
  leader: string
}

const groupPath = (groupId: string) => `/api/groups/${encodeURIComponent(groupId)}`
const meetingPath = (groupId: string, meetingId: string) =>
  `${groupPath(groupId)}/meetings/${encodeURIComponent(meetingId)}`

export const groupsApi = {
  list: () => apiWithOfflineCopy<GroupView[]>('/api/groups'),
  get: (groupId: string) => apiWithOfflineCopy<GroupDetail>(groupPath(groupId)),
  form: (body: NewGroup) => api<GroupView>('/api/groups', { body }),
  addMember: (groupId: string, memberId: string) =>
    api<GroupView>(`${groupPath(groupId)}/members`, { body: { memberId } }),
  removeMember: (groupId: string, memberId: string) =>
    api<GroupView>(`${groupPath(groupId)}/members/${encodeURIComponent(memberId)}`, { method: 'DELETE' }),
  nameLeader: (groupId: string, memberId: string) =>
    api<GroupView>(`${groupPath(groupId)}/leader`, { body: { memberId } }),
  setActionPlan: (groupId: string, plan: ActionPlan) =>
    api<GroupView>(`${groupPath(groupId)}/action-plan`, { body: plan }),
  schedule: (groupId: string, body: { date: string; time: string; place: string; topic: string }) =>
    api<GroupView>(`${groupPath(groupId)}/meetings`, { body }),
  attendance: (groupId: string, meetingId: string, memberId: string, present: boolean) =>
    api<GroupView>(`${meetingPath(groupId, meetingId)}/attendance`, { body: { memberId, present } }),
  note: (groupId: string, meetingId: string, text: string) =>
    api<GroupView>(`${meetingPath(groupId, meetingId)}/notes`, { body: { text } }),
  report: (groupId: string, report: GroupReport) =>
    api<GroupView>(`${groupPath(groupId)}/reports`, { body: report }),
  forum: (month: string) => apiWithOfflineCopy<ForumView>(`/api/forum/${encodeURIComponent(month)}`),
}

/** The month before or after `month` (YYYY-MM). */
export function shiftMonth(month: string, by: number): string {
  const [year = 0, index = 1] = month.split('-').map(Number)
  const date = new Date(Date.UTC(year, index - 1 + by, 1))
  return date.toISOString().slice(0, 7)
}

/** This month as YYYY-MM, in this device's time zone. */
export function thisMonth(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`
}
