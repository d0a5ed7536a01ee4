import * as decoding from 'lib0/decoding'
import * as encoding from 'lib0/encoding'
import type { Actor } from './doc-writer.js'

/**
 * What one replica tells the others about a document: a Yjs update with who made it, an awareness change, or
 * that it has just loaded the document (the others answer with their whole state, so it lacks nothing they
 * hold).
 */
export type DocMessage =
  | { kind: 'update'; update: Uint8Array; actor: Actor }
  | { kind: 'awareness'; update: Uint8Array }
  | { kind: 'hello' }

const kinds = ['update', 'awareness', 'hello'] as const

/**
 * How replicas that hold the same document keep it in step. Each publishes what its own clients change and
 * hears what the others' clients change; one replica at a time owns a document and stores every change to it,
 * so the log has one writer per document and each update reaches it after its causes.
 */
export abstract class DocBus {
  /** Starts hearing the document; messages from other replicas go to `onMessage`. */
  abstract join(docId: string, onMessage: (message: DocMessage) => void): Promise<void>
  abstract leave(docId: string): Promise<void>
  abstract publish(docId: string, message: DocMessage): void
  /** Takes or keeps ownership of the document for a while; false while another replica holds it. */
  abstract own(docId: string): Promise<boolean>
  abstract release(docId: string): Promise<void>
  /** How often an owner must call `own` again to keep the document. */
  abstract readonly renewEveryMs: number
  abstract close(): Promise<void>
}

/** One server alone: it owns every document it holds and has nobody to tell. */
export class SoloDocBus extends DocBus {
  readonly renewEveryMs = 60_000
  async join(): Promise<void> {}
  async leave(): Promise<void> {}
  publish(): void {}
  async own(): Promise<boolean> {
    return true
  }
  async release(): Promise<void> {}
  async close(): Promise<void> {}
}

export function encodeDocMessage(source: string, message: DocMessage): Uint8Array {
  const encoder = encoding.createEncoder()
  encoding.writeVarString(encoder, source)
  encoding.writeVarUint(encoder, kinds.indexOf(message.kind))
  if (message.kind === 'update') encoding.writeVarString(encoder, JSON.stringify(message.actor))
  if (message.kind !== 'hello') encoding.writeVarUint8Array(encoder, message.update)
  return encoding.toUint8Array(encoder)
}

export function decodeDocMessage(bytes: Uint8Array): { source: string; message: DocMessage } {
  const decoder = decoding.createDecoder(bytes)
  const source = decoding.readVarString(decoder)
  const kind = kinds[decoding.readVarUint(decoder)]
  if (kind === 'hello') return { source, message: { kind } }
  if (kind === 'update') {
    const actor = JSON.parse(decoding.readVarString(decoder)) as Actor
    return { source, message: { kind, actor, update: decoding.readVarUint8Array(decoder) } }
  }
  if (kind === 'awareness') return { source, message: { kind, update: decoding.readVarUint8Array(decoder) } }
  throw new Error('unknown kind of message')
}
