import { describe, expect, it } from 'vitest'
import { runLoad } from '../reliability/load/load-run.js'

describe('the server under a small collaboration load', () => {
  it('delivers every keystroke to every client, then unloads the documents and reloads them intact', async () => {
    const result = await runLoad({
      documents: 4,
      clientsPerDocument: 8,
      durationMs: 8000,
      keystrokeIntervalMs: 500,
      sampleEveryMs: 1000,
      seed: 7,
    })

    expect(result.problems).toEqual([])
    expect(result.connectionsHeld).toBe(32)
    expect(result.keystrokes).toBeGreaterThan(0)
    expect(result.deliveries.delivered).toBe(result.deliveries.expected)
    expect(result.deliveries.expected).toBe(result.keystrokes * 7)
    expect(Object.values(result.errors).every((count) => count === 0)).toBe(true)
    expect(result.samples.length).toBeGreaterThan(0)
    expect(result.unload.unloadedAfterMs).toBeDefined()
    expect(result.unload.reloadedIntact).toBe(4)
    expect(result.unload.unloadedAgain).toBe(true)
  })
})
