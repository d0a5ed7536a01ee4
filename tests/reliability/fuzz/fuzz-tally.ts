/** Outcomes that answer a case clearly (see runCollabCase and runSocketCase); anything else is a problem. */
const clearCollab = /^(open|close (1003|1007|1008|1009|1011|1013|4413|4529)|http 4\d\d)$/
const clearSocket =
  /^(ack ok|ack error|answered|((refused|connect error) \+ )*(refused|answered|connect error|close \d+|disconnect .+))$/

/** Problems told in full for each kind; beyond, only counted. */
const detailedPerKind = 5

export interface Tallies {
  byKind: Record<string, Record<string, number>>
  closeCodes: Record<string, number>
  socketOutcomes: Record<string, number>
}

/**
 * Counts how each case ended, keeps the problems, and knows which cases are running (to name the suspects
 * when a bystander is disconnected).
 */
export class Tally implements Tallies {
  readonly byKind: Record<string, Record<string, number>> = {}
  readonly closeCodes: Record<string, number> = {}
  readonly socketOutcomes: Record<string, number> = {}
  private readonly inFlight = new Set<string>()
  private readonly finished: string[] = []
  private readonly problemsByKind = new Map<string, string[]>()
  private readonly others: string[] = []

  constructor(private readonly remembered: number) {}

  started(label: string): void {
    this.inFlight.add(label)
  }

  ended(label: string): void {
    this.inFlight.delete(label)
    this.finished.push(label)
    if (this.finished.length > this.remembered) this.finished.shift()
  }

  /** The cases running now and those that ended just before. */
  moment(): string {
    return `cases ${[...this.inFlight].join(', ') || 'none'} (just before: ${this.finished.join(', ')})`
  }

  collab(
    kind: string,
    outcomes: readonly string[],
    expect: readonly string[] | undefined,
    detail: () => string,
  ) {
    for (const outcome of outcomes) this.count(kind, outcome, this.closeCodes)
    const unclear = outcomes.some((outcome) => !clearCollab.test(outcome))
    this.judge(kind, outcomes, unclear, expect, detail)
  }

  socket(kind: string, outcome: string, expect: readonly string[] | undefined, detail: () => string) {
    this.count(kind, outcome, this.socketOutcomes)
    this.judge(kind, [outcome], !clearSocket.test(outcome), expect, detail)
  }

  problem(line: string): void {
    this.others.push(line)
  }

  problems(): string[] {
    const byKind = [...this.problemsByKind].flatMap(([kind, lines]) =>
      lines.length > detailedPerKind
        ? [
            ...lines.slice(0, detailedPerKind),
            `${kind}: ${lines.length - detailedPerKind} more cases like these`,
          ]
        : lines,
    )
    return [...byKind, ...this.others]
  }

  private count(kind: string, outcome: string, totals: Record<string, number>): void {
    this.byKind[kind] ??= {}
    const counts = this.byKind[kind]
    counts[outcome] = (counts[outcome] ?? 0) + 1
    totals[outcome] = (totals[outcome] ?? 0) + 1
  }

  private judge(
    kind: string,
    outcomes: readonly string[],
    unclear: boolean,
    expect: readonly string[] | undefined,
    detail: () => string,
  ): void {
    const unexpected = expect !== undefined && !outcomes.some((outcome) => expect.includes(outcome))
    if (!unclear && !unexpected) return
    const wanted = unexpected ? ` instead of ${expect.join(' or ')}` : ''
    const during = outcomes.includes('close 1011') ? `, during ${this.moment()}` : ''
    const lines = this.problemsByKind.get(kind) ?? []
    lines.push(`${outcomes.join(', ')}${wanted}${during}; ${detail()}`)
    this.problemsByKind.set(kind, lines)
  }
}
