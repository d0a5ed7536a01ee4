import type { FuzzLimits, Make } from './fuzz-frames.js'
import { authFields, awarenessFields, awarenessUpdate, frameOf, queryAwarenessFields } from './fuzz-mutate.js'
import { textUpdate } from './fuzz-updates.js'
import type { Rng } from './fuzz-wire.js'

const writing = (frames: (Uint8Array | string)[], expect?: readonly string[]) =>
  expect ? { seat: 'writer' as const, frames, expect } : { seat: 'writer' as const, frames }

const flood = (rng: Rng, limits: FuzzLimits, frame: (i: number) => Uint8Array) =>
  Array.from({ length: limits.maxMessagesPerSecond + rng.between(20, 60) }, (_, i) => frame(i))

const awareness = (entries: { client: number; clock: number; json: string }[]) =>
  frameOf(awarenessFields(awarenessUpdate(entries)))

const refused = (path: string, token: 'none' | 'forged' | 'valid', status: number) => ({
  seat: 'writer' as const,
  frames: [],
  handshake: { path, token },
  expect: [`http ${status}`],
})

/** Handshakes the server must refuse, with the HTTP status it must refuse them with. */
const handshakes: Record<string, { weight: number; make: Make }> = {
  'bad-handshake:no-token': { weight: 1, make: () => refused('target', 'none', 401) },
  'bad-handshake:forged-token': { weight: 1, make: () => refused('target', 'forged', 401) },
  'bad-handshake:unknown-doc': {
    weight: 1,
    make: (rng) => refused(`tidak-ada-${rng.int(1e6)}`, 'valid', 404),
  },
  'bad-handshake:bad-doc-id': {
    weight: 1,
    make: (rng) => refused(rng.pick(['a%20b', '%ZZ', 'a%2Fb', 'x'.repeat(129), '%00']), 'valid', 400),
  },
}

/**
 * Kinds that are not frames of the protocol (random bytes, text, nothing) or that go beyond a limit: every
 * one of these must end in a clear close code or HTTP status, never in silence.
 */
export function excessKinds(
  update: (bytes: Uint8Array) => Uint8Array,
): Record<string, { weight: number; make: Make }> {
  return {
    'random-bytes': {
      weight: 3,
      make: (rng) => writing([rng.bytes(rng.chance(0.8) ? rng.between(1, 64) : 4096)]),
    },
    'text-frame': {
      weight: 1,
      make: (rng) => {
        const text = rng.pick(['', '{"type":"sync"}', '\u0000\u0002', rng.text(rng.between(1, 200))])
        return writing([text], ['close 1003'])
      },
    },
    'empty-frame': { weight: 1, make: () => writing([new Uint8Array(0)], ['close 1007']) },
    'oversized:binary': {
      weight: 1,
      make: (rng, limits) =>
        writing([update(rng.bytes(limits.maxMessageBytes + rng.between(1, 4096)))], ['close 1009']),
    },
    'oversized:text': {
      weight: 1,
      make: (rng, limits) =>
        writing(['x'.repeat(limits.maxMessageBytes + rng.between(1, 4096))], ['close 1009']),
    },
    'message-flood': {
      weight: 1,
      make: (rng, limits) => {
        const frame = () => frameOf(rng.chance(0.5) ? authFields('') : queryAwarenessFields())
        return writing(flood(rng, limits, frame), ['close 4529'])
      },
    },
    'awareness-flood:messages': {
      weight: 1,
      make: (rng, limits) => {
        const client = rng.clientId()
        const frame = (i: number) => awareness([{ client, clock: i + 1, json: `{"n":${i}}` }])
        return writing(flood(rng, limits, frame), ['close 4529'])
      },
    },
    'awareness-flood:many-clients': {
      weight: 1,
      make: (rng, limits) => {
        const entries = Array.from({ length: Math.floor(limits.maxMessageBytes / 80) }, (_, i) => ({
          client: rng.clientId(),
          clock: 1,
          json: `{"user":{"name":"tamu ${i}"}}`,
        }))
        return writing([awareness(entries)], ['open'])
      },
    },
    'awareness-flood:huge-state': {
      weight: 1,
      make: (rng, limits) => {
        const blob = Buffer.from(rng.bytes(Math.floor(limits.maxMessageBytes * 0.4))).toString('base64')
        const json = JSON.stringify({ blob })
        return writing([awareness([{ client: rng.clientId(), clock: 1, json }])], ['open'])
      },
    },
    'awareness-flood:bad-json': {
      weight: 1,
      make: (rng) => {
        const json = rng.pick(['{', 'undefined', '{"a":1}}', "{'a':1}", 'NaN', '\u0000'])
        return writing([awareness([{ client: rng.clientId(), clock: 1, json }])], ['close 1007'])
      },
    },
    'doc-too-large': {
      weight: 1,
      make: (rng, limits) => {
        const size = Math.floor(limits.maxMessageBytes * 0.8)
        const count = Math.ceil(limits.maxDocBytes / size) + 1
        const frames = Array.from({ length: count }, () => update(textUpdate(rng, 'isi', size)))
        return { seat: 'filler', frames, expect: ['close 4413'] }
      },
    },
    'connection-limit': {
      weight: 1,
      make: (_rng, limits) => ({
        seat: 'flooder',
        frames: [],
        connections: limits.maxConnectionsPerMember + 1,
        expect: ['http 429'],
      }),
    },
    ...handshakes,
  }
}
