import { describe, expect, it } from 'vitest'
import { TokenBucket } from './token-bucket.js'

describe('TokenBucket', () => {
  it('allows a burst of the rate, then refills at the rate', () => {
    let now = 0
    const bucket = new TokenBucket(10, () => now)
    const burst = Array.from({ length: 12 }, () => bucket.take())
    expect(burst.filter(Boolean)).toHaveLength(10)
    now += 500
    expect(Array.from({ length: 8 }, () => bucket.take()).filter(Boolean)).toHaveLength(5)
  })

  it('never holds more than one second of messages, however long it was idle', () => {
    let now = 0
    const bucket = new TokenBucket(3, () => now)
    now += 60_000
    expect(Array.from({ length: 10 }, () => bucket.take()).filter(Boolean)).toHaveLength(3)
  })
})
