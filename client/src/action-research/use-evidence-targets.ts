import type { Evidence } from '@rembuk/domain'
import { shallowRef } from 'vue'
import { apiWithOfflineCopy } from '../api/http.js'

export type RecordKind = 'plan' | 'map' | 'decision' | 'meeting'

export interface EvidenceTarget {
  id: string
  title: string
}

const paths: Record<RecordKind, string> = {
  plan: '/api/plans',
  map: '/api/maps',
  decision: '/api/decisions',
  meeting: '/api/meetings',
}
const routes: Record<RecordKind, string> = {
  plan: '/rencana/',
  map: '/peta/',
  decision: '/keputusan/',
  meeting: '/rapat/',
}

/** The school's plans, maps, decisions and meetings: what a step of the data-driven cycle can point to. */
export function useEvidenceTargets() {
  const targets = shallowRef<Record<RecordKind, EvidenceTarget[]>>({
    plan: [],
    map: [],
    decision: [],
    meeting: [],
  })

  async function load(): Promise<void> {
    const kinds = Object.keys(paths) as RecordKind[]
    const lists = await Promise.all(
      kinds.map((kind) => apiWithOfflineCopy<EvidenceTarget[]>(paths[kind]).catch(() => [])),
    )
    targets.value = Object.fromEntries(
      kinds.map((kind, index) => [kind, (lists[index] ?? []).map(({ id, title }) => ({ id, title }))]),
    ) as Record<RecordKind, EvidenceTarget[]>
  }

  /** Where the evidence opens, and what it is called. */
  function describe(evidence: Evidence): { href: string; title: string; external: boolean } {
    if (evidence.kind === 'url') return { href: evidence.url, title: evidence.url, external: true }
    const id = recordIdOf(evidence)
    const title = targets.value[evidence.kind].find((target) => target.id === id)?.title ?? id
    return { href: `${routes[evidence.kind]}${encodeURIComponent(id)}`, title, external: false }
  }

  /** Whether a record the evidence names is among those loaded (a web address always is). */
  function knows(evidence: Evidence): boolean {
    if (evidence.kind === 'url') return true
    const id = recordIdOf(evidence)
    return targets.value[evidence.kind].some((target) => target.id === id)
  }

  return { targets, load, describe, knows }
}

export function recordIdOf(evidence: Exclude<Evidence, { kind: 'url' }>): string {
  switch (evidence.kind) {
    case 'plan':
      return evidence.planId
    case 'map':
      return evidence.mapId
    case 'decision':
      return evidence.decisionId
    case 'meeting':
      return evidence.meetingId
  }
}

/** The evidence for a kind and what was picked or typed; null when nothing was. */
export function evidenceOf(kind: 'none' | 'url' | RecordKind, value: string): Evidence | null {
  const trimmed = value.trim()
  if (kind === 'none' || !trimmed) return null
  switch (kind) {
    case 'url':
      return { kind, url: trimmed }
    case 'plan':
      return { kind, planId: trimmed }
    case 'map':
      return { kind, mapId: trimmed }
    case 'decision':
      return { kind, decisionId: trimmed }
    case 'meeting':
      return { kind, meetingId: trimmed }
  }
}
