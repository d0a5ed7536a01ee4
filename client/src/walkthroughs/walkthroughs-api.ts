import type { WalkthroughFocus } from '@rembuk/domain'
import { api, apiWithOfflineCopy } from '../api/http.js'
import { today } from '../decisions/words.js'
import type { HubView, NewWalkthrough, WalkthroughDetail, WalkthroughItem } from './types.js'

const path = (walkthroughId: string) => `/api/walkthroughs/${encodeURIComponent(walkthroughId)}`
const day = () => `today=${today()}`
const step = (walkthroughId: string, what: string, body: unknown = {}) =>
  api<WalkthroughItem>(`${path(walkthroughId)}/${what}`, { body })

export const walkthroughsApi = {
  list: () => apiWithOfflineCopy<WalkthroughItem[]>(`/api/walkthroughs?${day()}`),
  hub: () => api<HubView>(`/api/walkthroughs/hub?${day()}`),
  get: (walkthroughId: string) => apiWithOfflineCopy<WalkthroughDetail>(`${path(walkthroughId)}?${day()}`),
  propose: (body: NewWalkthrough) => api<WalkthroughItem>('/api/walkthroughs', { body }),
  agree: (walkthroughId: string) => step(walkthroughId, 'agreement'),
  otherTime: (walkthroughId: string, lessonAt: string, note: string) =>
    step(walkthroughId, 'other-time', { lessonAt, note }),
  cancel: (walkthroughId: string, reason: string) => step(walkthroughId, 'cancel', { reason }),
  note: (
    walkthroughId: string,
    note: { focus: WalkthroughFocus; minute: number; text: string; private: boolean },
  ) => step(walkthroughId, 'notes', note),
  complete: (walkthroughId: string) => step(walkthroughId, 'observation-complete'),
  converse: (walkthroughId: string, text: string, question: string) =>
    step(walkthroughId, 'conversation', { text, question }),
  reflect: (walkthroughId: string, text: string) => step(walkthroughId, 'reflections', { text }),
  commit: (walkthroughId: string, text: string, by: string) =>
    step(walkthroughId, 'commitment', { text, by }),
  citeInPlan: (walkthroughId: string, planId: string, note: string) =>
    step(walkthroughId, 'plan-citations', { planId, note }),
}
