import type { ExpectedRevision } from './port.js'

export class WrongExpectedRevisionError extends Error {
  constructor(
    readonly stream: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | undefined,
  ) {
    super(
      `Append to ${stream} expected ${String(expected)} but the stream is at ${actual === undefined ? 'no stream' : String(actual)}`,
    )
    this.name = 'WrongExpectedRevisionError'
  }
}

export class CheckpointConflictError extends Error {
  constructor(
    readonly subscriberId: string,
    readonly expected: bigint | undefined,
    readonly actual: bigint | undefined,
  ) {
    super(
      `Checkpoint of ${subscriberId} expected ${String(expected ?? 'none')} but is ${String(actual ?? 'none')}`,
    )
    this.name = 'CheckpointConflictError'
  }
}

export class InvalidAppendError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'InvalidAppendError'
  }
}

export class StoreClosedError extends Error {
  constructor() {
    super('The event store is closed')
    this.name = 'StoreClosedError'
  }
}
