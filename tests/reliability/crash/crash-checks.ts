import { type Session, setUpSchool } from '../../support/school.js'
import type { ServerProcess } from '../../support/server-process.js'
import type { Typist } from './typists.js'

const tokenPattern = /⟨c\d+·\d+⟩/g

/** What is wrong with a document's final text: tokens typed but missing or held twice, and anything else. */
export function textProblems(label: string, text: string, typists: readonly Typist[]): string[] {
  const found = new Map<string, number>()
  for (const [token] of text.matchAll(tokenPattern)) found.set(token, (found.get(token) ?? 0) + 1)
  const typed = typists.flatMap((typist) => typist.tokens)
  const missing = typed.filter((token) => !found.has(token))
  const repeated = [...found].filter(([, count]) => count > 1).map(([token, count]) => `${token}×${count}`)
  const typedSet = new Set(typed)
  const strangers = [...found.keys()].filter((token) => !typedSet.has(token))
  const leftover = text.replace(tokenPattern, '')
  const problems: string[] = []
  const some = (list: string[]) => `${list.slice(0, 12).join(' ')}${list.length > 12 ? ' …' : ''}`
  if (missing.length > 0) {
    problems.push(`${label}: ${missing.length} of ${typed.length} typed tokens are lost: ${some(missing)}`)
  }
  if (repeated.length > 0) problems.push(`${label}: tokens held more than once: ${some(repeated)}`)
  if (strangers.length > 0) problems.push(`${label}: tokens nobody typed: ${some(strangers)}`)
  if (leftover.length > 0) {
    problems.push(`${label}: ${leftover.length} characters outside any token: ${leftover.slice(0, 80)}`)
  }
  return problems
}

/** mulberry32: the same numbers for the same seed, so a seed names a run's kill moments. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Polls `done` until it holds or `timeoutMs` passes; answers whether it held. */
export async function waitFor(done: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    if (await done()) return true
    if (Date.now() >= deadline) return false
    await new Promise((resolve) => setTimeout(resolve, 20))
  }
}

export function percentiles(samples: readonly number[]): { p50: number; max: number; samples: number } {
  const sorted = [...samples].sort((a, b) => a - b)
  const p50 = sorted[Math.max(0, Math.ceil(sorted.length / 2) - 1)] ?? 0
  return { p50: Math.round(p50), max: Math.round(sorted.at(-1) ?? 0), samples: sorted.length }
}

/** A school whose teachers each write one of its plans' documents: client i writes document i mod `documents`. */
export async function setUpWriters(server: ServerProcess, clients: number, documents: number) {
  const school = await setUpSchool(server.httpUrl)
  const teachers: Session[] = []
  for (let i = 0; i < clients; i++) teachers.push(await school.member('teacher', `Guru ${i}`))
  const docIds: string[] = []
  for (let d = 0; d < documents; d++) {
    const team = teachers.filter((_, i) => i % documents === d)
    docIds.push((await school.plan(`Rencana ${d}`, team)).docId)
  }
  const seats = teachers.map((teacher, i) => ({
    docId: docIds[i % documents] as string,
    token: teacher.token,
  }))
  return { principal: school.principal, docIds, seats }
}
