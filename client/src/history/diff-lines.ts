import type { DiffPart } from '@rembuk/collab'

export type DiffLine = DiffPart[]

export type ShownLine = { kind: 'line'; parts: DiffLine } | { kind: 'gap'; lines: number }

/** A word diff cut into paragraphs, so that each reads on its own line. */
export function diffLines(parts: readonly DiffPart[]): DiffLine[] {
  const lines: DiffLine[] = [[]]
  for (const part of parts) {
    part.text.split('\n').forEach((piece, index) => {
      if (index > 0) lines.push([])
      if (piece !== '') lines[lines.length - 1]?.push({ op: part.op, text: piece })
    })
  }
  return lines
}

const changed = (line: DiffLine) => line.some((part) => part.op !== 'same')

/**
 * The paragraphs worth reading: those with a change and `context` paragraphs around each; longer runs of
 * unchanged paragraphs become one gap that says how many it hides.
 */
export function condenseLines(lines: readonly DiffLine[], context = 1): ShownLine[] {
  const near = lines.map((_, index) =>
    lines.slice(Math.max(0, index - context), index + context + 1).some(changed),
  )
  const shown: ShownLine[] = []
  let hidden: DiffLine[] = []
  const flush = () => {
    if (hidden.length === 1) shown.push({ kind: 'line', parts: hidden[0] ?? [] })
    else if (hidden.length > 1) shown.push({ kind: 'gap', lines: hidden.length })
    hidden = []
  }
  lines.forEach((line, index) => {
    if (near[index]) {
      flush()
      shown.push({ kind: 'line', parts: line })
    } else {
      hidden.push(line)
    }
  })
  flush()
  return shown
}
