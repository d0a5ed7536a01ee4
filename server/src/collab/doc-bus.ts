import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Actor } from './doc-writer.js'

/** What one replica tells the others about a document: a Yjs update with who made it, or an awareness change. */
export type DocMessage =
  | { kind: 'update'; update: Uint8Array; actor: Actor }
  | { kind: 'awareness'; update: Uint8Array }

const kinds = ['update', 'awareness'] as const

/**
 * The fast path between replicas that hold the same document: each publishes what its own clients change and
 * hears what the others' clients change, within milliseconds. It may lose messages: every replica also
 * follows the document's stream in the event store, which holds every change its writers stored.
 */
export abstract class DocBus {
  /** Starts hearing the document; messages from other replicas go to `onMessage`. */
  abstract join(docId: string, onMessage: (message: DocMessage) => void): Promise<void>
  abstract leave(docId: string): Promise<void>
  abstract publish(docId: string, message: DocMessage): void
  abstract close(): Promise<void>
}

/** One server alone: nobody to tell. */
export class SoloDocBus extends DocBus {
  async join(): Promise<void> {}
  async leave(): Promise<void> {}
  publish(): void {}
  async close(): Promise<void> {}
}

export function encodeDocMessage(source: string, message: DocMessage): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, source)
  encoding.writeVarUint(encoder, kinds.indexOf(message.kind))
  if (message.kind === 'update') encoding.writeVarString(encoder, JSON.stringify(message.actor))
  encoding.writeVarUint8Array(encoder, message.update)
  return encoding.toUint8Array(encoder)
}

export function decodeDocMessage(bytes: Uint8Array): { source: string; message: DocMessage } {
  const decoder = decoding.createDecoder(bytes)
  const source = decoding.readVarString(decoder)
  const kind = kinds[decoding.readVarUint(decoder)]
  if (kind === 'update') {
    const actor = JSON.parse(decoding.readVarString(decoder)) as Actor
    return { source, message: { kind, actor, update: decoding.readVarUint8Array(decoder) } }
  }
  if (kind === 'awareness') return { source, message: { kind, update: decoding.readVarUint8Array(decoder) } }
  throw new Error('unknown kind of message')
}
