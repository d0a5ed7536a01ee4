import type { DecisionLink, DecisionOutcome, DecisionPosition, MeetingKind } from '@rembuk/domain'
import { api, apiWithOfflineCopy } from '../api/http.js'
import type { DecisionDetail, DecisionView, MeetingDetail, MeetingView, MinutesView } from './types.js'

const decisionPath = (decisionId: string) => `/api/decisions/${encodeURIComponent(decisionId)}`
export const meetingPath = (meetingId: string) => `/api/meetings/${encodeURIComponent(meetingId)}`

export interface DecisionQuery {
  planId?: string
  mapId?: string
  docId?: string
  groupId?: string
}

export interface NewDecision {
  title: string
  text: string
  meetingId?: string
  agendaKey?: string
  links: DecisionLink[]
}

export interface NewOutcome {
  outcome: DecisionOutcome
  optionId?: string
  rationale: string
  reviewDate?: string
}

/** The school's decisions, newest first, narrowed to a plan, a map or a changed document. */
export function listDecisions(query: DecisionQuery = {}): Promise<DecisionView[]> {
  const params = new URLSearchParams(Object.entries(query).filter(([, value]) => value) as [string, string][])
  const search = params.toString()
  return apiWithOfflineCopy<DecisionView[]>(search ? `/api/decisions?${search}` : '/api/decisions')
}

export const decisionsApi = {
  get: (decisionId: string) => apiWithOfflineCopy<DecisionDetail>(decisionPath(decisionId)),
  raise: (body: NewDecision) => api<DecisionView>('/api/decisions', { body }),
  addOption: (decisionId: string, text: string) =>
    api<DecisionView>(`${decisionPath(decisionId)}/options`, { body: { text } }),
  comment: (decisionId: string, text: string) =>
    api<DecisionView>(`${decisionPath(decisionId)}/comments`, { body: { text } }),
  takePosition: (decisionId: string, position: DecisionPosition, reason: string) =>
    api<DecisionView>(`${decisionPath(decisionId)}/positions`, { body: { position, reason } }),
  mediate: (decisionId: string, text: string) =>
    api<DecisionView>(`${decisionPath(decisionId)}/mediation`, { body: { text } }),
  recordOutcome: (decisionId: string, body: NewOutcome) =>
    api<DecisionView>(`${decisionPath(decisionId)}/outcome`, { body }),
  revisit: (decisionId: string, reason: string) =>
    api<DecisionView>(`${decisionPath(decisionId)}/revisit`, { body: { reason } }),
  linkChange: (decisionId: string, body: { docId: string; revision: number; note: string }) =>
    api<DecisionView>(`${decisionPath(decisionId)}/changes`, { body }),
}

export const meetingsApi = {
  list: () => apiWithOfflineCopy<MeetingView[]>('/api/meetings'),
  get: (meetingId: string) => apiWithOfflineCopy<MeetingDetail>(meetingPath(meetingId)),
  schedule: (body: { kind: MeetingKind; title: string; date: string }) =>
    api<MeetingView>('/api/meetings', { body }),
  attendance: (meetingId: string, memberId: string, present: boolean) =>
    api<MeetingView>(`${meetingPath(meetingId)}/attendance`, { body: { memberId, present } }),
  note: (meetingId: string, agendaKey: string, text: string) =>
    api<MeetingView>(`${meetingPath(meetingId)}/notes`, { body: { agendaKey, text } }),
  close: (meetingId: string) => api<MeetingView>(`${meetingPath(meetingId)}/close`, { method: 'POST' }),
  minutes: (meetingId: string) => apiWithOfflineCopy<MinutesView>(`${meetingPath(meetingId)}/minutes`),
}

/** The revision a document is at now. */
export async function headRevision(docId: string): Promise<number> {
  const history = await api<{ head: number }>(`/api/docs/${encodeURIComponent(docId)}/history?limit=1`)
  return history.head
}
