import { describe, expect, it } from 'vitest'
import { runCrashRounds } from '../reliability/crash/crash-rounds.js'

describe('crash safety', () => {
  it('loses, duplicates and half-writes nothing when the server is killed while clients type', async () => {
    const result = await runCrashRounds({
      rounds: 4,
      clients: 6,
      documents: 2,
      typingIntervalMs: 40,
      killAfterMs: [300, 1500],
      flushMs: 40,
      snapshotEvery: 5,
      seed: 20_261_130,
    })
    expect(result.problems).toEqual([])
    expect(result.rounds).toBe(4)
    expect(result.keystrokes).toBeGreaterThan(0)
    expect(result.eventsStored).toBeGreaterThan(0)
    expect(result.snapshotsStored).toBeGreaterThan(0)
  })
})
