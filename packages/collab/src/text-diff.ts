export interface DiffPart {
  op: 'same' | 'added' | 'removed'
  text: string
}

/** Words and the spaces between them, so that a diff reads as words added and removed. */
const tokens = (text: string): string[] => text.match(/\s+|[^\s]+/g) ?? []

/** Beyond this many differing tokens the two texts are shown as one removal and one addition. */
const maxEdits = 4000

/**
 * The word-level difference between two texts (Myers' O(ND) algorithm): the parts both share, and what was
 * removed and added, in reading order.
 */
export function diffWords(before: string, after: string): DiffPart[] {
  const a = tokens(before)
  const b = tokens(after)
  const trace = shortestEditTrace(a, b)
  if (!trace)
    return merge([
      { op: 'removed', text: before },
      { op: 'added', text: after },
    ])
  return merge(backtrack(trace, a, b))
}

function shortestEditTrace(a: string[], b: string[]): Int32Array[] | null {
  const max = a.length + b.length
  const offset = max + 1
  const v = new Int32Array(2 * max + 3)
  const trace: Int32Array[] = []
  for (let d = 0; d <= Math.min(max, maxEdits); d++) {
    trace.push(v.slice())
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

function backtrack(trace: Int32Array[], a: string[], b: string[]): DiffPart[] {
  const parts: DiffPart[] = []
  const offset = a.length + b.length + 1
  let x = a.length
  let y = b.length
  for (let d = trace.length - 1; d >= 0; d--) {
    const v = trace[d] as Int32Array
    const k = x - y
    const down = k === -d || (k !== d && (v[offset + k - 1] ?? 0) < (v[offset + k + 1] ?? 0))
    const previousK = down ? k + 1 : k - 1
    const previousX = v[offset + previousK] ?? 0
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
