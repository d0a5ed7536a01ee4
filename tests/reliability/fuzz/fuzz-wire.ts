import * as Y from 'yjs'
import { seededRandom } from '../crash/crash-checks.js'

/** Seeded choices (mulberry32): the same seed makes the same cases, byte for byte. */
export class Rng {
  private readonly next: () => number

  constructor(readonly seed: number) {
    this.next = seededRandom(seed)
  }

  float(): number {
    return this.next()
  }

  int(below: number): number {
    return Math.floor(this.next() * below)
  }

  between(min: number, max: number): number {
    return min + this.int(max - min + 1)
  }

  chance(probability: number): boolean {
    return this.next() < probability
  }

  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)] as T
  }

  bytes(length: number): Uint8Array {
    const bytes = new Uint8Array(length)
    for (let i = 0; i < length; i++) bytes[i] = this.int(256)
    return bytes
  }

  /** A Yjs client id: a non-zero uint32. */
  clientId(): number {
    return 1 + this.int(0xfffffffe)
  }

  /** Printable text with some multi-byte characters. */
  text(length: number): string {
    const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789 -_.,;:!?"\'{}[]()<>/\\é∂中😀'
    return Array.from({ length }, () => this.pick([...alphabet])).join('')
  }
}

/** lib0's varUint: seven bits a byte, lowest first; exact up to 2^53 (arithmetic, not bit operations). */
export function varUint(value: number): Uint8Array {
  const bytes: number[] = []
  let rest = value
  while (rest > 0x7f) {
    bytes.push(0x80 | (rest % 128))
    rest = Math.floor(rest / 128)
  }
  bytes.push(rest)
  return Uint8Array.from(bytes)
}

export function varString(text: string): Uint8Array {
  const utf8 = new TextEncoder().encode(text)
  return concat(varUint(utf8.byteLength), utf8)
}

export function varBytes(bytes: Uint8Array): Uint8Array {
  return concat(varUint(bytes.byteLength), bytes)
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0))
  let at = 0
  for (const part of parts) {
    out.set(part, at)
    at += part.byteLength
  }
  return out
}

export function hex(bytes: Uint8Array, max = 96): string {
  const shown = Buffer.from(bytes.subarray(0, max)).toString('hex')
  return bytes.byteLength > max ? `${shown}… (${bytes.byteLength} bytes)` : shown
}

/** Reads a varUint as lib0 does; undefined where lib0 throws (end of the bytes, beyond 2^53). */
function readVarUint(bytes: Uint8Array, at: { pos: number }): number | undefined {
  let value = 0
  let mult = 1
  while (at.pos < bytes.byteLength) {
    const byte = bytes[at.pos++] as number
    value += (byte & 0x7f) * mult
    mult *= 128
    if (byte < 0x80) return value
    if (value > Number.MAX_SAFE_INTEGER) return undefined
  }
  return undefined
}

/**
 * Whether the y-websocket protocol makes this frame a sync step 1 (type 0, sub-type 0, one length-prefixed
 * state vector filling the rest of the frame): the server answers each such frame with a sync step 2.
 */
export function isSyncStep1(frame: Uint8Array | string): boolean {
  if (typeof frame === 'string') return false
  const at = { pos: 0 }
  if (readVarUint(frame, at) !== 0 || readVarUint(frame, at) !== 0) return false
  const length = readVarUint(frame, at)
  if (length === undefined || length !== frame.byteLength - at.pos) return false
  try {
    Y.decodeStateVector(frame.slice(at.pos))
    return true
  } catch {
    return false
  }
}

/** A sync step 2 from the server: type 0, sub-type 1 (both one byte). */
export const isSyncStep2 = (message: Uint8Array): boolean => message[0] === 0 && message[1] === 1

/** The probe every case ends with: a sync step 1 with an empty state vector, answered by a sync step 2. */
export const probeFrame = Uint8Array.from([0, 0, 1, 0])
