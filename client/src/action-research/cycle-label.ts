const numerals: [number, string][] = [
  [10, 'X'],
  [9, 'IX'],
  [5, 'V'],
  [4, 'IV'],
  [1, 'I'],
]

/** I, II, III, IV, … as the cycles of a study are numbered. */
export function roman(value: number): string {
  let rest = value
  let text = ''
  for (const [amount, numeral] of numerals) {
    while (rest >= amount) {
      text += numeral
      rest -= amount
    }
  }
  return text
}

/** Cycle 0 is the baseline (pra-siklus); the others are "Siklus I", "Siklus II", … */
export function cycleLabel(
  cycleNo: number,
  t: (key: string, params?: Record<string, unknown>) => string,
): string {
  return cycleNo === 0 ? t('research.baseline') : t('research.cycle', { numeral: roman(cycleNo) })
}
