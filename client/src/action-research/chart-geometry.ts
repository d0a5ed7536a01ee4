/** One line of the progress chart: a teacher, or the average, with a percent per cycle (null: not scored). */
export interface ChartSeries {
  key: string
  name: string
  points: (number | null)[]
  average?: boolean
}

export const chartBox = { width: 360, height: 220, left: 34, right: 12, top: 12, bottom: 28 } as const

/** Where cycle `index` of `count` sits across the chart. */
export function xOf(index: number, count: number): number {
  const inner = chartBox.width - chartBox.left - chartBox.right
  if (count <= 1) return chartBox.left + inner / 2
  return chartBox.left + (inner * index) / (count - 1)
}

/** Where a percent sits up the chart: 0 at the bottom, 100 at the top. */
export function yOf(percent: number): number {
  const inner = chartBox.height - chartBox.top - chartBox.bottom
  return chartBox.top + inner * (1 - Math.min(100, Math.max(0, percent)) / 100)
}

/** The SVG path of a series: a line through its points, broken where a cycle has no score. */
export function pathOf(points: readonly (number | null)[]): string {
  let path = ''
  let drawing = false
  points.forEach((point, index) => {
    if (point === null) {
      drawing = false
      return
    }
    const command = drawing ? 'L' : 'M'
    path += `${path ? ' ' : ''}${command}${xOf(index, points.length).toFixed(1)},${yOf(point).toFixed(1)}`
    drawing = true
  })
  return path
}
