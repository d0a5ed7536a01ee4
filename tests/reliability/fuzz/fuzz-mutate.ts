import { concat, type Rng, varBytes, varString, varUint } from './fuzz-wire.js'

/**
 * A y-websocket frame kept as its fields (message type, sub-type, length, payload), so that a mutation knows
 * where each one starts. `payload` is the index of the length-prefixed payload, when there is one.
 */
export interface Fields {
  fields: Uint8Array[]
  payload?: number
}

export const syncFields = (step: number, payload: Uint8Array): Fields => ({
  fields: [varUint(0), varUint(step), varUint(payload.byteLength), payload],
  payload: 3,
})
export const awarenessFields = (update: Uint8Array): Fields => ({
  fields: [varUint(1), varUint(update.byteLength), update],
  payload: 2,
})
export const queryAwarenessFields = (): Fields => ({ fields: [varUint(3)] })
/** y-protocols/auth: permission denied (0) with a reason. */
export const authFields = (reason: string): Fields => {
  const text = new TextEncoder().encode(reason)
  return { fields: [varUint(2), varUint(0), varUint(text.byteLength), text], payload: 3 }
}

/** An awareness update whose states are given as JSON text, so that they can be anything. */
export function awarenessUpdate(entries: { client: number; clock: number; json: string }[]): Uint8Array {
  const states = entries.map(({ client, clock, json }) =>
    concat(varUint(client), varUint(clock), varString(json)),
  )
  return concat(varUint(entries.length), ...states)
}

export const frameOf = ({ fields }: Fields): Uint8Array => concat(...fields)

/** Numbers no frame should carry: 2^32, 2^53 - 1, 2^31 - 1, ten bytes long, never ending, zero padded. */
const hugeVarints = [
  varUint(2 ** 32),
  varUint(Number.MAX_SAFE_INTEGER),
  Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01]),
  Uint8Array.from([0x80, 0x80, 0x80, 0x80, 0x80, 0x80]),
  Uint8Array.from([0x80, 0x80, 0x80, 0x00]),
  varUint(2 ** 31 - 1),
]

const strangeTypes = [4, 5, 7, 9, 63, 127, 128, 255, 256, 16_383, 2 ** 31]

type Mutation = (frame: Fields, rng: Rng) => Uint8Array

function replaced(frame: Fields, index: number, field: Uint8Array): Uint8Array {
  return concat(...frame.fields.map((existing, i) => (i === index ? field : existing)))
}

/** Every way a frame is cut: at each field boundary, one byte before it, inside the payload. */
function truncated(frame: Fields, rng: Rng): Uint8Array {
  const whole = frameOf(frame)
  const cuts = new Set<number>([0, whole.byteLength - 1])
  let at = 0
  for (const field of frame.fields) {
    cuts.add(at).add(at - 1)
    if (field.byteLength > 2) cuts.add(at + 1 + rng.int(field.byteLength - 1))
    at += field.byteLength
  }
  const valid = [...cuts].filter((cut) => cut >= 0 && cut < whole.byteLength)
  return whole.slice(0, rng.pick(valid))
}

function bitFlips(bytes: Uint8Array, rng: Rng, flips: number): Uint8Array {
  const out = bytes.slice()
  for (let i = 0; i < flips && out.byteLength > 0; i++) {
    const at = rng.int(out.byteLength)
    out[at] = (out[at] as number) ^ (1 << rng.int(8))
  }
  return out
}

/** Changes the payload only and writes its new length, so that the frame around it stays well formed. */
function payloadMutation(payload: Uint8Array, rng: Rng): Uint8Array {
  const interesting = [0x00, 0x01, 0x7f, 0x80, 0xff]
  switch (rng.int(5)) {
    case 0:
      return bitFlips(payload, rng, rng.between(1, 4))
    case 1: {
      const out = payload.slice()
      for (let i = rng.between(1, 3); i > 0 && out.byteLength > 0; i--)
        out[rng.int(out.byteLength)] = rng.pick(interesting)
      return out
    }
    case 2:
      return payload.slice(0, rng.int(Math.max(1, payload.byteLength)))
    case 3: {
      const at = rng.int(payload.byteLength + 1)
      return concat(payload.subarray(0, at), rng.bytes(rng.between(1, 8)), payload.subarray(at))
    }
    default: {
      const at = rng.int(payload.byteLength + 1)
      return concat(payload.subarray(0, at), payload.subarray(rng.int(Math.max(1, at))))
    }
  }
}

export const mutations: Record<string, Mutation> = {
  truncated,
  'bit-flip': (frame, rng) => bitFlips(frameOf(frame), rng, rng.between(1, 4)),
  'huge-varint': (frame, rng) => {
    const varints = frame.fields.map((_, i) => i).filter((i) => i !== frame.payload)
    return replaced(frame, rng.pick(varints), rng.pick(hugeVarints))
  },
  trailing: (frame, rng) => concat(frameOf(frame), rng.bytes(rng.between(1, 16))),
  'wrong-type': (frame, rng) => {
    const sync = frame.fields.length === 4 && frame.payload === 3 && frame.fields[0]?.[0] === 0
    if (sync && rng.chance(0.4)) return replaced(frame, 1, varUint(rng.pick([3, 4, 8, 127, 128, 300])))
    if (frame.payload !== undefined && rng.chance(0.3)) {
      const payload = frame.fields[frame.payload] as Uint8Array
      return sync ? concat(varUint(1), varBytes(payload)) : concat(varUint(0), varUint(2), varBytes(payload))
    }
    return replaced(frame, 0, varUint(rng.pick(strangeTypes)))
  },
  payload: (frame, rng) => {
    if (frame.payload === undefined) return frameOf(frame)
    const payload = payloadMutation(frame.fields[frame.payload] as Uint8Array, rng)
    const fields = frame.fields.map((field, i) =>
      i === frame.payload
        ? payload
        : i === (frame.payload as number) - 1
          ? varUint(payload.byteLength)
          : field,
    )
    return concat(...fields)
  },
}

/** The mutations that change something for a frame of this shape. */
export function mutationsFor(frame: Fields): string[] {
  const names = Object.keys(mutations)
  return frame.payload === undefined ? names.filter((name) => name !== 'payload') : names
}
