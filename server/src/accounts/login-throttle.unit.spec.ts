import { describe, expect, it } from 'vitest'
import type { AppConfig } from '../config/app-config.js'
import { LoginThrottle, TooManyAttempts } from './login-throttle.js'

const throttle = () => new LoginThrottle({ loginAttempts: 3, loginWindowSeconds: 60 } as AppConfig)
const waitOf = (attempt: () => void): number | null => {
  try {
    attempt()
    return null
  } catch (error) {
    if (error instanceof TooManyAttempts) return error.retryAfterSeconds
    throw error
  }
}

describe('LoginThrottle', () => {
  it('makes an email wait after the limit of failures, until the oldest leaves the window', () => {
    const t = throttle()
    for (const at of [0, 10_000, 20_000]) t.failed('Sari@sekolah.id', '10.0.0.1', at)
    expect(waitOf(() => t.check('sari@sekolah.id', '10.0.0.2', 30_000))).toBe(30)
    expect(waitOf(() => t.check('budi@sekolah.id', '10.0.0.1', 30_000))).toBeNull()
    expect(waitOf(() => t.check('sari@sekolah.id', '10.0.0.2', 60_001))).toBeNull()
  })

  it('clears an email on success, but lets a shared address fail ten times as often before it waits', () => {
    const t = throttle()
    t.failed('sari@sekolah.id', '10.0.0.1', 0)
    t.succeeded('sari@sekolah.id')
    for (let i = 0; i < 3; i++) t.failed('sari@sekolah.id', '10.0.0.1', 1000)
    expect(waitOf(() => t.check('sari@sekolah.id', '10.0.0.1', 2000))).toBe(59)
    for (let i = 0; i < 26; i++) t.failed(`guru${i}@sekolah.id`, '10.0.0.1', 3000)
    expect(waitOf(() => t.check('kepala@sekolah.id', '10.0.0.1', 4000))).toBe(56)
    expect(waitOf(() => t.check('kepala@sekolah.id', '10.0.0.9', 4000))).toBeNull()
  })
})
