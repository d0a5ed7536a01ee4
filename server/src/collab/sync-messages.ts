import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import * as Y from 'yjs'

/** Message types of the y-websocket protocol (the first varUint of every frame). */
const messageSync = 0
const messageAwareness = 1
const messageAuth = 2
const messageQueryAwareness = 3

/** Sub-types of a sync message (y-protocols/sync). */
const syncStep1 = 0
const syncStep2 = 1
const syncUpdate = 2

export type ClientMessage =
  | { kind: 'sync-step1'; stateVector: Uint8Array }
  | { kind: 'update'; update: Uint8Array }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'query-awareness' }
  | { kind: 'auth' }

/** A frame that breaks the protocol; the connection is closed with `closeCode`. */
export class ProtocolError extends Error {
  constructor(
    message: string,
    readonly closeCode: number = 1007,
  ) {
    super(message)
    this.name = 'ProtocolError'
  }
}

/**
 * Parses one frame from a client. Every length is checked against the frame itself and trailing bytes are
 * refused, so nothing outside the frame is ever read.
 */
export function parseClientMessage(frame: Uint8Array): ClientMessage {
  const decoder = decoding.createDecoder(frame)
  const message = parseBody(decoder)
  if (decoder.pos !== frame.byteLength) throw new ProtocolError('trailing bytes after the message')
  return message
}

function parseBody(decoder: decoding.Decoder): ClientMessage {
  const type = readNumber(decoder)
  switch (type) {
    case messageSync: {
      const step = readNumber(decoder)
      const bytes = readBytes(decoder)
      if (step === syncStep1) {
        try {
          Y.decodeStateVector(bytes)
        } catch {
          throw new ProtocolError('sync step 1 carries no valid state vector')
        }
        return { kind: 'sync-step1', stateVector: bytes }
      }
      if (step === syncStep2 || step === syncUpdate) return { kind: 'update', update: bytes }
      throw new ProtocolError(`unknown sync message type ${step}`)
    }
    case messageAwareness:
      return { kind: 'awareness', update: readBytes(decoder) }
    case messageQueryAwareness:
      return { kind: 'query-awareness' }
    case messageAuth:
      decoder.pos = decoder.arr.byteLength
      return { kind: 'auth' }
    default:
      throw new ProtocolError(`unknown message type ${type}`)
  }
}

function readNumber(decoder: decoding.Decoder): number {
  try {
    return decoding.readVarUint(decoder)
  } catch {
    throw new ProtocolError('truncated or oversized number')
  }
}

/** A length-prefixed byte array copied out of the frame, so later checks cannot read past it. */
function readBytes(decoder: decoding.Decoder): Uint8Array {
  const length = readNumber(decoder)
  if (length > decoder.arr.byteLength - decoder.pos)
    throw new ProtocolError('declared length exceeds the frame')
  const bytes = decoder.arr.slice(decoder.pos, decoder.pos + length)
  decoder.pos += length
  return bytes
}

function message(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder()
  write(encoder)
  return encoding.toUint8Array(encoder)
}

export const syncStep1Message = (stateVector: Uint8Array): Uint8Array =>
  message((e) => {
    encoding.writeVarUint(e, messageSync)
    encoding.writeVarUint(e, syncStep1)
    encoding.writeVarUint8Array(e, stateVector)
  })

export const syncStep2Message = (update: Uint8Array): Uint8Array =>
  message((e) => {
    encoding.writeVarUint(e, messageSync)
    encoding.writeVarUint(e, syncStep2)
    encoding.writeVarUint8Array(e, update)
  })

export const updateMessage = (update: Uint8Array): Uint8Array =>
  message((e) => {
    encoding.writeVarUint(e, messageSync)
    encoding.writeVarUint(e, syncUpdate)
    encoding.writeVarUint8Array(e, update)
  })

export const awarenessMessage = (update: Uint8Array): Uint8Array =>
  message((e) => {
    encoding.writeVarUint(e, messageAwareness)
    encoding.writeVarUint8Array(e, update)
  })
