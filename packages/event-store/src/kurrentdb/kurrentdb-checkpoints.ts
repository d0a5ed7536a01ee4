import {
  type AppendStreamState,
  BACKWARDS,
  END,
  jsonEvent,
  type KurrentDBClient,
  NO_STREAM,
} from '@kurrent/kurrentdb-client'
import { CheckpointConflictError } from '../errors.js'
import { isStreamNotFound, isWrongExpectedVersion, retryTransient } from './kurrentdb-errors.js'
import { internalStreamPrefix } from './kurrentdb-filters.js'

interface StoredCheckpoint {
  position: bigint
  /** The revision of the checkpoint stream's event that holds it: the expected revision of the next store. */
  revision: bigint
}

export const checkpointStream = (subscriberId: string) => `${internalStreamPrefix}${subscriberId}`

/**
 * Each subscriber's checkpoint is the last event of its own stream, which keeps only that event
 * (`$maxCount: 1`). Compare-and-set is an append with the revision of the event holding the expected
 * checkpoint, so of two writers that read the same checkpoint only one can store the next.
 */
export class KurrentDbCheckpoints {
  private readonly known = new Map<string, StoredCheckpoint>()

  constructor(private readonly client: KurrentDBClient) {}

  async read(subscriberId: string): Promise<bigint | undefined> {
    return (await this.latest(subscriberId))?.position
  }

  async store(subscriberId: string, position: bigint, expected: bigint | undefined): Promise<void> {
    const stream = checkpointStream(subscriberId)
    const event = jsonEvent({ type: 'CheckpointStored', data: { position: position.toString() } })
    if (expected === undefined) await this.keepOnlyLatest(stream)
    let current = expected === undefined ? undefined : this.known.get(subscriberId)
    for (let attempt = 1; ; attempt++) {
      if (expected !== undefined && current?.position !== expected) current = await this.latest(subscriberId)
      if (current?.position !== expected) {
        throw new CheckpointConflictError(subscriberId, expected, current?.position)
      }
      const streamState: AppendStreamState = current ? current.revision : NO_STREAM
      try {
        const result = await retryTransient(() => this.client.appendToStream(stream, event, { streamState }))
        this.known.set(subscriberId, { position, revision: result.nextExpectedRevision })
        return
      } catch (error) {
        if (!isWrongExpectedVersion(error)) throw error
        // Stored by someone else since it was read: still a success if it is back at `expected`.
        current = await this.latest(subscriberId)
        if (attempt >= 3) throw new CheckpointConflictError(subscriberId, expected, current?.position)
      }
    }
  }

  private async latest(subscriberId: string): Promise<StoredCheckpoint | undefined> {
    const stream = checkpointStream(subscriberId)
    let found: StoredCheckpoint | undefined
    try {
      found = await retryTransient(async () => {
        const read = this.client.readStream(stream, { direction: BACKWARDS, fromRevision: END, maxCount: 1 })
        for await (const { event } of read) {
          if (event) return { position: parsePosition(event.data, stream), revision: event.revision }
        }
        return undefined
      })
    } catch (error) {
      if (!isStreamNotFound(error)) throw error
    }
    if (found) this.known.set(subscriberId, found)
    else this.known.delete(subscriberId)
    return found
  }

  /** Set once, before the stream's first event; a second writer finding it set is fine. */
  private async keepOnlyLatest(stream: string): Promise<void> {
    try {
      await retryTransient(() =>
        this.client.setStreamMetadata(stream, { maxCount: 1 }, { expectedRevision: NO_STREAM }),
      )
    } catch (error) {
      if (!isWrongExpectedVersion(error)) throw error
    }
  }
}

function parsePosition(data: unknown, stream: string): bigint {
  const position = (data as { position?: unknown } | null)?.position
  if (typeof position !== 'string' || !/^\d+$/.test(position)) {
    throw new Error(`The last event of ${stream} holds no checkpoint position`)
  }
  return BigInt(position)
}
