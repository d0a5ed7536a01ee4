export interface DiffPart {
  op: 'same' | 'added' | 'removed'
  text: string
}

/** Words and the spaces between them, so that a diff reads as words added and removed. */
const tokens = (text: string): string[] => text.match(/\s+|[^\s]+/g) ?? []

/** Beyond this many differing tokens the two texts are shown as one removal and one addition. */
const maxEdits = 2000

/**
 * The word-level difference between two texts: the parts both share, and what was removed and added, in
 * reading order. The common start and end are set aside first; Myers' O(ND) algorithm compares the rest.
 */
export function diffWords(before: string, after: string): DiffPart[] {
  const a = tokens(before)
  const b = tokens(after)
  let start = 0
  while (start < a.length && start < b.length && a[start] === b[start]) start++
  let end = 0
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end])
    end++
  const middleA = a.slice(start, a.length - end)
  const middleB = b.slice(start, b.length - end)
  const trace = shortestEditTrace(middleA, middleB)
  const middle = trace
    ? backtrack(trace, middleA, middleB)
    : [
        { op: 'removed' as const, text: middleA.join('') },
        { op: 'added' as const, text: middleB.join('') },
      ]
  return merge([
    { op: 'same', text: a.slice(0, start).join('') },
    ...middle,
    { op: 'same', text: a.slice(a.length - end).join('') },
  ])
}

/**
 * The furthest x reached on each diagonal k, before each round d; round d only ever reads diagonals -d-1 to
 * d+1, so only those are kept.
 */
type Round = Int32Array
const reach = (round: Round, d: number, k: number): number => round[k + d + 1] ?? 0

function shortestEditTrace(a: string[], b: string[]): Round[] | null {
  if (Math.abs(a.length - b.length) > maxEdits) return null
  const max = Math.min(a.length + b.length, maxEdits)
  const offset = max + 1
  const v = new Int32Array(2 * max + 3)
  const trace: Round[] = []
  for (let d = 0; d <= max; d++) {
    trace.push(v.slice(offset - d - 1, offset + d + 2))
    for (let k = -d; k <= d; k += 2) {
      let x =
        k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0))
          ? (v[offset + k + 1] ?? 0)
          : (v[offset + k - 1] ?? 0) + 1
      let y = x - k
      while (x < a.length && y < b.length && a[x] === b[y]) {
        x++
        y++
      }
      v[offset + k] = x
      if (x >= a.length && y >= b.length) return trace
    }
  }
  return null
}

function backtrack(trace: Round[], a: string[], b: string[]): DiffPart[] {
  const parts: DiffPart[] = []
  let x = a.length
  let y = b.length
  for (let d = trace.length - 1; d >= 0; d--) {
    const round = trace[d] as Round
    const k = x - y
    const down = k === -d || (k !== d && reach(round, d, k - 1) < reach(round, d, k + 1))
    const previousK = down ? k + 1 : k - 1
    const previousX = reach(round, d, previousK)
    const previousY = previousX - previousK
    while (x > previousX && y > previousY) {
      parts.push({ op: 'same', text: a[x - 1] as string })
      x--
      y--
    }
    if (d === 0) break
    if (down) parts.push({ op: 'added', text: b[y - 1] as string })
    else parts.push({ op: 'removed', text: a[x - 1] as string })
    x = previousX
    y = previousY
  }
  return parts.reverse()
}

function merge(parts: DiffPart[]): DiffPart[] {
  const merged: DiffPart[] = []
  for (const part of parts) {
    if (part.text === '') continue
    const last = merged[merged.length - 1]
    if (last && last.op === part.op) last.text += part.text
    else merged.push({ ...part })
  }
  return merged
}
