import { WrongExpectedVersionError } from '@kurrent/kurrentdb-client'
import { InvalidAppendError, WrongExpectedRevisionError } from '../errors.js'
import type { ExpectedRevision } from '../port.js'
import { UnsupportedPositionError } from './kurrentdb-positions.js'

interface ClientError {
  type?: string
  code?: number
  message?: string
  _raw?: { details?: string }
}

/** gRPC status codes UNAVAILABLE and DEADLINE_EXCEEDED, for errors the client passes on unconverted. */
const transientCodes = new Set([14, 4])
const transientTypes = new Set(['unavailable', 'not-leader', 'deadline-exceeded', 'timeout'])
const permanentTypes = new Set(['access-denied', 'stream-deleted', 'stream-tombstoned'])

/** A node went away, is not the leader, or did not answer in time: the same request may succeed later. */
export function isTransient(error: unknown): boolean {
  const { type, code } = (error ?? {}) as ClientError
  return (type !== undefined && transientTypes.has(type)) || (code !== undefined && transientCodes.has(code))
}

/** Retrying cannot help: the subscription or read fails instead of reconnecting. */
export function isPermanent(error: unknown): boolean {
  const { type } = (error ?? {}) as ClientError
  return (type !== undefined && permanentTypes.has(type)) || error instanceof UnsupportedPositionError
}

/** `$all` was asked to start inside a record ("Trying to read from an invalid position."). */
export function isInvalidPosition(error: unknown): boolean {
  const { message, _raw } = (error ?? {}) as ClientError
  return /invalid position/i.test(`${message ?? ''} ${_raw?.details ?? ''}`)
}

export function isStreamNotFound(error: unknown): boolean {
  return ((error ?? {}) as ClientError).type === 'stream-not-found'
}

export function isWrongExpectedVersion(error: unknown): error is WrongExpectedVersionError {
  return error instanceof WrongExpectedVersionError
}

export function toAppendError(error: unknown, stream: string, expected: ExpectedRevision): unknown {
  if (isWrongExpectedVersion(error)) {
    const actual = typeof error.actualState === 'bigint' ? error.actualState : undefined
    return new WrongExpectedRevisionError(stream, expected, actual)
  }
  const { type } = (error ?? {}) as ClientError
  if (type === 'maximum-append-size-exceeded' || type === 'append-record-size-exceeded') {
    return new InvalidAppendError(
      `Append to ${stream} is larger than KurrentDB accepts (${(error as Error).message}); raise MaxAppendSize`,
    )
  }
  return error
}

/** 100 ms, doubling, at most 5 s. */
export function backoffMs(attempt: number): number {
  return Math.min(100 * 2 ** Math.max(0, attempt - 1), 5000)
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Runs `operation` again after transient failures, with backoff, at most `attempts` times in all. */
export async function retryTransient<T>(operation: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation()
    } catch (error) {
      if (attempt >= attempts || !isTransient(error)) throw error
      await sleep(backoffMs(attempt))
    }
  }
}
