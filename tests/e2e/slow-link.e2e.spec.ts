import { describe, expect, it } from 'vitest'
import { runSlowLink } from '../reliability/slow-link/slow-link-run.js'

describe('a large document opened over a slow link', () => {
  it('arrives as a stream of pieces with no close, and the client holds all of it', async () => {
    const result = await runSlowLink({ documentBytes: 1536 * 1024, bytesPerSecond: 512 * 1024, writers: 3 })
    expect(result.problems).toEqual([])
    expect(result.storedBytes).toBeGreaterThan(1024 * 1024)
    expect(result.messagesReceived).toBeGreaterThanOrEqual(Math.floor(result.storedBytes / (64 * 1024)))
  })
})
