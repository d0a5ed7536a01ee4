import type { Evidence, ResearchView } from '@rembuk/domain'
import { api, apiWithOfflineCopy } from '../api/http.js'
import type { LoggedEventView } from './describe-research-event.js'

/** A study as the server shows it to this member, with the names of its teachers. */
export interface StudyView extends ResearchView {
  id: string
  names: Record<string, string>
  created: string
  updated: string
}

export interface StudyDetail extends StudyView {
  events: LoggedEventView[]
}

const path = (id: string, rest = '') => `/api/research/${encodeURIComponent(id)}${rest}`

export const researchApi = {
  list: () => apiWithOfflineCopy<StudyView[]>('/api/research'),
  get: (id: string) => apiWithOfflineCopy<StudyDetail>(path(id)),
  start: (body: {
    title: string
    focus: string
    instrument: { name: string; maxScore: number }
    teachers: string[]
  }) => api<StudyView>('/api/research', { body }),
  openCycle: (id: string) => api<StudyView>(path(id, '/cycles'), { method: 'POST' }),
  thresholds: (id: string, body: { cukup: number; baik: number }) =>
    api<StudyView>(path(id, '/thresholds'), { body }),
  step: (id: string, cycleNo: number, body: { step: string; text: string; done: boolean }) =>
    api<StudyView>(path(id, `/cycles/${cycleNo}/steps`), { body }),
  scores: (id: string, cycleNo: number, scores: { memberId: string; score: number }[]) =>
    api<StudyView>(path(id, `/cycles/${cycleNo}/scores`), { body: { scores } }),
  dataStep: (
    id: string,
    cycleNo: number,
    body: { step: string; done: boolean; evidence: Evidence | null; dataKind: string | null; note: string },
  ) => api<StudyView>(path(id, `/cycles/${cycleNo}/data-steps`), { body }),
}
