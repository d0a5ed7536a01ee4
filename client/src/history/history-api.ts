import type { DocComparison, DocView } from '@rembuk/collab'
import type { NamedVersion, TimelineEntry, TimelinePage } from '@rembuk/domain'
import { api } from '../api/http.js'

/** A document as it was at one revision, as people read it. */
export interface DocStateView {
  docId: string
  revision: number
  view: DocView
}

export type Comparison = DocComparison & { from: number; to: number }

export interface TimelineQuery {
  from: number
  limit: number
  actor?: string
  root?: string
}

/** The history endpoints of one document. */
export function historyApi(docId: string) {
  const base = `/api/docs/${encodeURIComponent(docId)}`
  return {
    timeline(query: TimelineQuery): Promise<TimelinePage> {
      const params = new URLSearchParams({ from: String(query.from), limit: String(query.limit) })
      if (query.actor) params.set('actor', query.actor)
      if (query.root) params.set('root', query.root)
      return api<TimelinePage>(`${base}/timeline?${params}`)
    },
    frame: (revision: number) =>
      api<DocStateView & { entry: TimelineEntry }>(`${base}/frame?revision=${revision}`),
    compare: (from: number, to: number) => api<Comparison>(`${base}/compare?from=${from}&to=${to}`),
    versions: () => api<NamedVersion[]>(`${base}/versions`),
    nameVersion: (revision: number, name: string) =>
      api<NamedVersion[]>(`${base}/versions`, { body: { revision, name } }),
    restore: (revision: number) => api<{ revision: number }>(`${base}/restore`, { body: { revision } }),
  }
}

export type HistoryApi = ReturnType<typeof historyApi>
