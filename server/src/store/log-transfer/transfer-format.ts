import type { Snapshot, SnapshotStore } from '@rembuk/event-store'
import { z } from 'zod'
import type { Credentials, Invitation } from '../../accounts/credential-store.js'

export const format = 'rembuk-log'
export const version = 1
/** Events of one stream appended together, when they follow each other in the log. */
export const batchSize = 500
export const verifyChunk = 256

const revisionText = z.string().regex(/^\d+$/)
export const lineSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('header'),
    format: z.literal(format),
    version: z.literal(version),
    store: z.string(),
    headPosition: revisionText,
    exportedAt: z.string(),
  }),
  z.object({
    kind: z.literal('event'),
    streamId: z.string(),
    revision: revisionText,
    position: revisionText,
    id: z.string(),
    type: z.string(),
    data: z.unknown(),
    metadata: z.record(z.string(), z.unknown()),
    created: z.iso.datetime(),
    payload: z.base64().nullable(),
  }),
  z.object({
    kind: z.literal('credential'),
    memberId: z.string(),
    schoolId: z.string(),
    email: z.string(),
    passwordHash: z.string(),
  }),
  z.object({
    kind: z.literal('invitation'),
    codeHash: z.string(),
    memberId: z.string(),
    schoolId: z.string(),
    email: z.string(),
    expires: z.iso.datetime(),
  }),
  z.object({ kind: z.literal('snapshot'), key: z.string(), revision: revisionText, state: z.base64() }),
  z.object({
    kind: z.literal('end'),
    events: z.number(),
    streams: z.number(),
    credentials: z.number(),
    invitations: z.number(),
    snapshots: z.number(),
    headPosition: revisionText,
    sha256: z.string(),
  }),
])
export type Line = z.infer<typeof lineSchema>
export type EventLine = Extract<Line, { kind: 'event' }>

export interface TransferCounts {
  events: number
  streams: number
  credentials: number
  invitations: number
  snapshots: number
}

export interface ExportSummary extends TransferCounts {
  headPosition: string
  bytes: number
  /** Of every line before the last, which records it. */
  sha256: string
}

export interface ImportSummary extends TransferCounts {
  appended: number
  /** Events the target already held, each checked equal to the export's. */
  skipped: number
  sha256: string
}

/** What the embedded SQLite file keeps beside the log: password hashes, invitations, document snapshots. */
export interface SideTables {
  credentials?: Iterable<Credentials>
  invitations?: Iterable<Invitation & { codeHash: string }>
  snapshots?: Iterable<Snapshot>
}

export interface ImportSinks {
  accounts?: {
    save(credentials: Credentials): Promise<boolean>
    saveInvitation(codeHash: string, invitation: Invitation): Promise<void>
  }
  snapshots?: Pick<SnapshotStore, 'save'>
  /** Puts back the recorded time of imported events: through the port, every append is recorded "now". */
  keepCreated?(events: readonly { id: string; created: Date }[]): void
}

export class InvalidExportError extends Error {
  constructor(line: number, problem: string) {
    super(`Export line ${line}: ${problem}`)
    this.name = 'InvalidExportError'
  }
}

export const base64 = (bytes: Uint8Array) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')
