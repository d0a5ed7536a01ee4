import { excessKinds } from './fuzz-excess.js'
import {
  authFields,
  awarenessFields,
  awarenessUpdate,
  type Fields,
  frameOf,
  mutations,
  mutationsFor,
  queryAwarenessFields,
  syncFields,
} from './fuzz-mutate.js'
import {
  craftedUpdates,
  foreignUpdates,
  fullState,
  missingCauses,
  smallUpdate,
  stateVector,
  textUpdate,
} from './fuzz-updates.js'
import { Rng } from './fuzz-wire.js'

export interface FuzzLimits {
  maxMessageBytes: number
  maxDocBytes: number
  maxConnectionsPerMember: number
  maxMessagesPerSecond: number
}

/**
 * Who connects: a writer of the target document, a member who may only read it, a writer of the other
 * document (driven to its size limit), or the member whose connections are counted.
 */
export type Seat = 'writer' | 'reader' | 'filler' | 'flooder'

export interface CollabCase {
  kind: string
  seat: Seat
  /** Sent at once on one connection; a string is a text frame. */
  frames: (Uint8Array | string)[]
  /** Connections opened at once by the seat's member (frames are not sent then). */
  connections?: number
  /** The handshake instead: the path after `/collab/` and which token to send. */
  handshake?: { path: string; token: 'none' | 'forged' | 'valid' }
  /** The outcomes a correct server ends this case with; any clear outcome is fine when absent. */
  expect?: readonly string[]
}

/** Makes one case of a kind; `otherState` is the other document's state as the server sent it. */
export type Make = (rng: Rng, limits: FuzzLimits, otherState: Uint8Array) => Omit<CollabCase, 'kind'>

/** A root only read-only members write to: nothing of it may ever be stored. */
export const readOnlyRoot = 'hanya-baca'

const update = (bytes: Uint8Array) => frameOf(syncFields(2, bytes))
const writing = (frames: Uint8Array[], expect?: readonly string[]) =>
  expect ? { seat: 'writer' as const, frames, expect } : { seat: 'writer' as const, frames }
const open = ['open'] as const

const someAwareness = (rng: Rng) =>
  awarenessUpdate(
    Array.from({ length: rng.between(1, 3) }, () => ({
      client: rng.clientId(),
      clock: rng.between(1, 5),
      json: JSON.stringify({ user: { name: rng.text(8), color: '#30bced' } }),
    })),
  )

/** A valid frame of each message type; each kind `<type>:<mutation>` sends it changed. */
const bases: Record<string, (rng: Rng) => Fields> = {
  'sync-step1': (rng) => syncFields(0, stateVector(rng)),
  'sync-step2': (rng) => syncFields(1, fullState(rng)),
  update: (rng) => syncFields(2, smallUpdate(rng)),
  awareness: (rng) => awarenessFields(someAwareness(rng)),
  'query-awareness': () => queryAwarenessFields(),
  auth: (rng) => authFields(rng.text(rng.between(0, 30))),
}

const table: Record<string, { weight: number; make: Make }> = {}
for (const [base, fields] of Object.entries(bases)) {
  table[`${base}:valid`] = { weight: 1, make: (rng) => writing([frameOf(fields(rng))], open) }
  for (const mutation of mutationsFor(fields(new Rng(0)))) {
    const mutate = mutations[mutation] as (frame: Fields, rng: Rng) => Uint8Array
    table[`${base}:${mutation}`] = { weight: 3, make: (rng) => writing([mutate(fields(rng), rng)]) }
  }
}
for (const [variant, make] of Object.entries(foreignUpdates))
  table[`foreign:${variant}`] = { weight: 1, make: (rng) => writing([update(make(rng))]) }
table['foreign:other-plan'] = {
  weight: 1,
  make: (_rng, _limits, otherState) => writing([update(otherState)]),
}
for (const [variant, make] of Object.entries(missingCauses))
  table[`missing-causes:${variant}`] = { weight: 1, make: (rng) => writing([update(make(rng))], open) }
for (const [variant, make] of Object.entries(craftedUpdates))
  table[`crafted:${variant}`] = { weight: 2, make: (rng) => writing([update(make(rng))]) }
table['duplicate-update'] = {
  weight: 1,
  make: (rng) => {
    const frame = update(smallUpdate(rng))
    return writing([frame, frame], open)
  },
}
table['read-only-update'] = {
  weight: 1,
  make: (rng) => ({
    seat: 'reader',
    frames: [update(textUpdate(rng, readOnlyRoot, rng.between(1, 20)))],
    expect: open,
  }),
}
Object.assign(table, excessKinds(update))

export const collabKinds: readonly string[] = Object.keys(table)

/**
 * Endless seeded cases (none when `only` names no collab kind): each round holds every kind, as many times as
 * its weight, in a shuffled order.
 */
export function* collabCases(
  seed: number,
  limits: FuzzLimits,
  otherState: Uint8Array,
  only?: readonly string[],
): Generator<CollabCase> {
  const rng = new Rng(seed)
  const schedule = Object.entries(table)
    .filter(([kind]) => !only || only.includes(kind))
    .flatMap(([kind, { weight }]) => Array<string>(weight).fill(kind))
  if (schedule.length === 0) return
  for (;;) {
    const round = schedule.map((kind) => ({ kind, order: rng.float() })).sort((a, b) => a.order - b.order)
    for (const { kind } of round)
      yield { kind, ...(table[kind] as { make: Make }).make(rng, limits, otherState) }
  }
}
