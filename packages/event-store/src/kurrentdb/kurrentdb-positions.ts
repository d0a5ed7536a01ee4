import { type Position, type ReadPosition, START } from '@kurrent/kurrentdb-client'

/** The server's "position not known" (-1 sent as an unsigned 64-bit number). */
const unknownPosition = 2n ** 64n - 1n

export class UnsupportedPositionError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'UnsupportedPositionError'
  }
}

/**
 * The port's position is the event's commit position in `$all`. Every event appended through gRPC is
 * committed by itself (KurrentDB flags each prepare of an append IsCommitted), so each event of a batch has
 * its own commit position, equal to its prepare position, and `$all` is ordered by it without ties. Only an
 * explicit transaction of the legacy TCP API shares one commit position among several events; such an event
 * is refused rather than given a position that resuming after it would skip or repeat.
 */
export function toPortPosition(position: Position | undefined, eventId: string): bigint {
  if (!position || position.commit === unknownPosition) {
    throw new UnsupportedPositionError(
      `KurrentDB did not report the position of event ${eventId} (it needs KurrentDB 22.6 or later)`,
    )
  }
  if (position.commit !== position.prepare) {
    throw new UnsupportedPositionError(
      `Event ${eventId} was written in an explicit transaction (commit ${position.commit}, prepare ` +
        `${position.prepare}); its position would be shared with the other events of that transaction`,
    )
  }
  return position.commit
}

/** Where a read of `$all` starts for the port position `position` (0n and below: the start of the log). */
export function toReadPosition(position: bigint): ReadPosition {
  return position > 0n ? { commit: position, prepare: position } : START
}

/**
 * Where a forward read (inclusive) of the events after `after` may start, best first. `$all` can only be
 * read from the start of a record: `after` itself when it is an event's position (the usual checkpoint),
 * `after + 1n` when the caller asked for "after p - 1" to read from p, else the latest position known to be
 * an event's at or before `after`, else the start of the log. The reader skips what is not after `after`.
 */
export function readStartsAfter(after: bigint, anchor: bigint | undefined): ReadPosition[] {
  if (after <= 0n) return [START]
  const starts: ReadPosition[] = [toReadPosition(after), toReadPosition(after + 1n)]
  if (anchor !== undefined && anchor > 0n && anchor < after) starts.push(toReadPosition(anchor))
  starts.push(START)
  return starts
}
