import { describe, expect, it } from 'vitest'
import { chartBox, pathOf, xOf, yOf } from './chart-geometry.js'

describe('the progress chart geometry', () => {
  it('spreads the cycles across the chart and puts 0 % at the bottom and 100 % at the top', () => {
    expect(xOf(0, 3)).toBe(chartBox.left)
    expect(xOf(2, 3)).toBe(chartBox.width - chartBox.right)
    expect(yOf(0)).toBe(chartBox.height - chartBox.bottom)
    expect(yOf(100)).toBe(chartBox.top)
    expect(yOf(140)).toBe(chartBox.top)
  })

  it('draws a line through the scores and breaks it where a cycle has none', () => {
    expect(pathOf([42.29, 53.48, 65.08])).toBe('M34.0,115.9 L191.0,95.7 L348.0,74.9')
    expect(pathOf([40, null, 60])).toBe(`M34.0,${yOf(40).toFixed(1)} M348.0,${yOf(60).toFixed(1)}`)
    expect(pathOf([null, null])).toBe('')
  })
})
