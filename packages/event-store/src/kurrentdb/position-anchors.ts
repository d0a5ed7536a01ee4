/**
 * Positions of events seen lately, in order. `$all` can only be read from the start of a record, so a read
 * after a position that is no event's (a bisection midpoint) starts at the latest of these before it. When
 * full, every other one is dropped (the newest is kept), so they keep covering the whole log seen.
 */
export class PositionAnchors {
  private positions: bigint[] = []

  constructor(private readonly capacity = 4096) {}

  note(position: bigint): void {
    const list = this.positions
    const last = list[list.length - 1]
    if (last === undefined || position > last) list.push(position)
    else {
      const index = this.firstAtOrAfter(position)
      if (list[index] === position) return
      list.splice(index, 0, position)
    }
    if (list.length > this.capacity) {
      this.positions = list.filter((_, i) => (list.length - 1 - i) % 2 === 0)
    }
  }

  /** The latest noted position at or before `position`. */
  atOrBefore(position: bigint): bigint | undefined {
    const index = this.firstAtOrAfter(position)
    const found = this.positions[index]
    return found === position ? found : this.positions[index - 1]
  }

  get size(): number {
    return this.positions.length
  }

  private firstAtOrAfter(position: bigint): number {
    let low = 0
    let high = this.positions.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if ((this.positions[middle] as bigint) < position) low = middle + 1
      else high = middle
    }
    return low
  }
}
