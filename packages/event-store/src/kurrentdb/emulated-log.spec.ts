import { EventEmitter } from 'node:events'
import type { Filter } from '@kurrent/kurrentdb-client'

/** One record of the emulated log (see emulated-kurrentdb.spec.ts); named .spec.ts so the build leaves it out. */
export interface Row {
  id: string
  streamId: string
  revision: bigint
  type: string
  isJson: boolean
  data: Uint8Array
  metadata: Uint8Array
  created: Date
  position: bigint
}

const parse = (bytes: Uint8Array) => JSON.parse(Buffer.from(bytes).toString('utf8'))

/** A row as the client hands it over: JSON parsed, bytes as they are, the position as commit and prepare. */
export function toResolved(row: Row) {
  const event = {
    id: row.id,
    streamId: row.streamId,
    revision: row.revision,
    type: row.type,
    created: row.created,
    isJson: row.isJson,
    data: row.isJson ? parse(row.data) : row.data,
    metadata: row.metadata.length ? parse(row.metadata) : undefined,
    position: { commit: row.position, prepare: row.position },
  }
  return { event, commitPosition: row.position }
}

export function passes(filter: Filter | undefined, row: Row): boolean {
  if (!filter || !('regex' in filter)) return true
  return new RegExp(filter.regex).test(filter.filterOn === 'streamName' ? row.streamId : row.type)
}

/** A catch-up subscription: the wanted rows from `index` on, then `caughtUp`, then each new row. */
export class EmulatedFeed extends EventEmitter {
  readonly readableLength = 0
  private index = -1
  private paused = false
  private live = false
  private ended = false

  constructor(
    private readonly log: Row[],
    private readonly wanted: (row: Row) => boolean,
    private readonly onEnd: () => void,
  ) {
    super()
  }

  begin(index: number): void {
    this.index = index
    this.pump()
  }

  pump(): void {
    if (this.index < 0) return
    while (this.index < this.log.length && !this.paused && !this.ended) {
      const row = this.log[this.index++] as Row
      if (this.wanted(row)) this.emit('data', toResolved(row))
    }
    if (!this.live && !this.ended && this.index >= this.log.length) {
      this.live = true
      this.emit('caughtUp', {})
    }
  }

  fail(error: Error): void {
    if (this.ended) return
    this.ended = true
    this.onEnd()
    this.emit('error', error)
  }

  pause(): this {
    this.paused = true
    return this
  }

  resume(): this {
    this.paused = false
    setImmediate(() => this.pump())
    return this
  }

  async unsubscribe(): Promise<void> {
    this.ended = true
    this.onEnd()
  }
}
