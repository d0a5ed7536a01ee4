import { Rng } from './fuzz-wire.js'

/** One emit through socket.io-client; with `ack`, the server must answer it. */
export interface Emit {
  event: string
  args: unknown[]
  ack: boolean
}

/**
 * A hostile socket.io case: emits made through the stock client, or raw engine.io text and binary frames sent
 * after a handshake made by hand (what the stock client refuses to send).
 */
export interface SocketCase {
  kind: string
  emits?: Emit[]
  raw?: (string | Uint8Array)[]
  /** The outcomes a correct server ends this case with; any clear outcome is fine when absent. */
  expect?: readonly string[]
}

const bufferLimit = 64 * 1024

/** Values of every JSON shape, and some that only socket.io's binary packets carry. */
function junk(rng: Rng, depth = 0): unknown {
  const leaf = () =>
    rng.pick<unknown>([0, -1, 1e308, Number.MAX_SAFE_INTEGER, '', rng.text(8), null, true, false, 'rencana'])
  if (depth > 3 || rng.chance(0.4)) return leaf()
  switch (rng.int(4)) {
    case 0:
      return Array.from({ length: rng.int(4) }, () => junk(rng, depth + 1))
    case 1:
      return Object.fromEntries(Array.from({ length: rng.int(4) }, () => [rng.text(4), junk(rng, depth + 1)]))
    case 2:
      return Buffer.from(rng.bytes(rng.int(32)))
    default:
      return { docId: junk(rng, depth + 1) }
  }
}

/** Bodies that are never `{ docId }` with a valid document id. */
function wrongDocBody(rng: Rng): unknown[] {
  const bodies: (() => unknown[])[] = [
    () => [junk(rng)],
    () => [],
    () => [{}],
    () => [{ docId: rng.pick([5, '', null, true, ['rencana-a'], { docId: 'rencana-a' }]) }],
    () => [{ docId: rng.pick(['x'.repeat(129), 'a b', 'rencana/../x', '😀', '\u0000', 'a'.repeat(5000)]) }],
    () => [JSON.parse('{"__proto__":{"docId":"rencana-a","polluted":true}}')],
    () => [{ constructor: { prototype: { docId: 'rencana-a', polluted: true } } }],
    () => [Buffer.from('rencana-a')],
    () => [{ docId: Buffer.from('rencana-a') }],
    () => ['rencana-a'],
    () => [{ docId: 'rencana-a' }, junk(rng)],
    () => Array.from({ length: rng.between(50, 500) }, () => 'x'),
  ]
  return rng.pick(bodies)()
}

const unknownNames = [
  '',
  'presence:OPEN',
  'presence:open ',
  'presence',
  'presence:update',
  'error:refused',
  '__proto__',
  'constructor',
  'hasOwnProperty',
  'toString',
  'x'.repeat(1000),
  '😀',
]

const kinds: Record<string, (rng: Rng, messagesPerSecond: number) => Omit<SocketCase, 'kind'>> = {
  'shape:presence:open': (rng) => ({
    emits: [{ event: 'presence:open', args: wrongDocBody(rng), ack: true }],
    expect: ['ack error'],
  }),
  'shape:presence:close': (rng) => ({
    emits: [{ event: 'presence:close', args: wrongDocBody(rng), ack: true }],
    expect: ['ack error'],
  }),
  'shape:presence:list': (rng) => ({
    emits: [{ event: 'presence:list', args: [junk(rng)], ack: true }],
    expect: ['ack ok'],
  }),
  'shape:no-ack': (rng) => ({
    emits: [{ event: rng.pick(['presence:open', 'presence:close']), args: wrongDocBody(rng), ack: false }],
    expect: ['answered'],
  }),
  'unknown-event:ack': (rng) => ({
    emits: [{ event: rng.pick([...unknownNames, rng.text(12)]), args: [junk(rng)], ack: true }],
    expect: ['ack error'],
  }),
  'unknown-event:no-ack': (rng) => ({
    emits: [{ event: rng.pick([...unknownNames, rng.text(12)]), args: [junk(rng)], ack: false }],
    expect: ['refused'],
  }),
  binary: (rng) => ({
    emits: [
      { event: 'presence:open', args: [{ docId: Buffer.from(rng.bytes(8)) }], ack: true },
      { event: rng.text(6), args: [Buffer.from(rng.bytes(64))], ack: true },
    ],
    expect: ['ack error'],
  }),
  'huge-payload:text': (rng) => ({
    emits: [
      { event: 'presence:open', args: [{ docId: rng.text(8).repeat(bufferLimit / 8 + 1) }], ack: true },
    ],
  }),
  'huge-payload:binary': (rng) => ({
    emits: [{ event: 'presence:open', args: [Buffer.alloc(bufferLimit + rng.between(1, 4096))], ack: true }],
  }),
  flood: (rng, messagesPerSecond) => ({
    emits: Array.from({ length: messagesPerSecond + rng.between(20, 60) }, () => ({
      event: 'presence:list',
      args: [],
      ack: false,
    })),
  }),
}

/** Raw socket.io packets (after the engine.io `4`): what the stock client would never send. */
const rawKinds: Record<string, (rng: Rng) => (string | Uint8Array)[]> = {
  'raw:bad-json': (rng) => [`42["presence:open",${rng.pick(['{', '{"docId":', '[[[', '"'])}`],
  'raw:not-an-array': () => ['42{"docId":"rencana-a"}'],
  'raw:number-event': (rng) => [`42[${rng.pick([0, 7, -1, 1e21])},{}]`],
  'raw:reserved-event': (rng) => [
    `42["${rng.pick(['disconnect', 'connect', 'newListener', 'disconnecting'])}"]`,
  ],
  'raw:bad-ack-id': (rng) => [`42${rng.pick(['99999999999999999999', '-1', '1.5'])}["presence:list"]`],
  'raw:attachments-mismatch': (rng) => [
    `451-["presence:open",{"_placeholder":true,"num":${rng.pick([1, 5, -1, '"x"'])}}]`,
    rng.bytes(4),
  ],
  'raw:binary-alone': (rng) => [rng.bytes(rng.between(1, 64))],
  'raw:waiting-attachments': () => ['4599-["presence:open",{"_placeholder":true,"num":0}]'],
  'raw:unknown-packet': (rng) => [rng.pick(['49', '4x', '47', '7', '', '6', '5', '1'])],
  'raw:wrong-namespace': (rng) => [`40/${rng.pick(['admin', '../', 'x'.repeat(300)])},`],
  'raw:connect-again': () => ['40{"token":"palsu"}'],
  'raw:deep-nesting': (rng) => {
    const depth = rng.between(1000, 20_000)
    return [`42["presence:open",${'['.repeat(depth)}${']'.repeat(depth)}]`]
  },
  'raw:huge-text': (rng) => [`42["presence:list","${'x'.repeat(bufferLimit + rng.between(1, 4096))}"]`],
}

export const socketKinds: readonly string[] = [...Object.keys(kinds), ...Object.keys(rawKinds)]

/** Endless seeded cases (none when `only` names no socket.io kind), every kind once a round, shuffled. */
export function* socketCases(
  seed: number,
  messagesPerSecond: number,
  only?: readonly string[],
): Generator<SocketCase> {
  const rng = new Rng(seed)
  const chosen = socketKinds.filter((kind) => !only || only.includes(kind))
  if (chosen.length === 0) return
  for (;;) {
    const round = chosen.map((kind) => ({ kind, order: rng.float() })).sort((a, b) => a.order - b.order)
    for (const { kind } of round) {
      const raw = rawKinds[kind]
      if (raw) yield { kind, raw: raw(rng) }
      else yield { kind, ...(kinds[kind] as (typeof kinds)[string])(rng, messagesPerSecond) }
    }
  }
}
