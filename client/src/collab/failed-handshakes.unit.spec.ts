import { describe, expect, it } from 'vitest'
import { FailedHandshakes } from './failed-handshakes.js'

describe('FailedHandshakes', () => {
  it('checks the session once, after three attempts in a row that never opened', () => {
    let checks = 0
    const watch = new FailedHandshakes(() => checks++)
    watch.closed()
    watch.closed()
    expect(checks).toBe(0)
    watch.closed()
    watch.closed()
    expect(checks).toBe(1)
  })

  it('counts again from zero once a connection opened', () => {
    let checks = 0
    const watch = new FailedHandshakes(() => checks++)
    watch.closed()
    watch.closed()
    watch.connected()
    watch.closed()
    watch.closed()
    watch.closed()
    expect(checks).toBe(0)
    watch.closed()
    expect(checks).toBe(1)
  })
})
