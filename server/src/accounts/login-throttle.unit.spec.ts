import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { AppConfig } from '../config/app-config.js'
import { LoginThrottle, TooManyAttempts } from './login-throttle.js'

const throttle = () => new LoginThrottle({ loginAttempts: 3, loginWindowSeconds: 60 } as AppConfig)

/** One sign-in through the throttle: null when it may go on (and then fails or succeeds), else the wait. */
async function signIn(
  t: LoginThrottle,
  email: string,
  address: string,
  outcome: 'fails' | 'succeeds',
): Promise<number | null> {
  try {
    await t.check(email, address)
  } catch (error) {
    if (error instanceof TooManyAttempts) return error.retryAfterSeconds
    throw error
  }
  if (outcome === 'succeeds') await t.succeeded(email, address)
  return null
}

const at = (ms: number) => vi.advanceTimersByTime(ms - Date.now())

describe('LoginThrottle in one process', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 })
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('makes an email wait after the limit of failures, correct password or not, until its window ends', async () => {
    const t = throttle()
    for (const ms of [0, 10_000, 20_000]) {
      at(ms)
      expect(await signIn(t, 'Sari@sekolah.id', '10.0.0.1', 'fails')).toBeNull()
    }
    at(30_000)
    expect(await signIn(t, 'sari@sekolah.id', '10.0.0.2', 'succeeds')).toBe(30)
    expect(await signIn(t, 'budi@sekolah.id', '10.0.0.1', 'fails')).toBeNull()
    at(60_001)
    expect(await signIn(t, 'sari@sekolah.id', '10.0.0.2', 'succeeds')).toBeNull()
  })

  it('clears an email on success, but lets a shared address fail ten times as often before it waits', async () => {
    const t = throttle()
    await signIn(t, 'sari@sekolah.id', '10.0.0.1', 'fails')
    await signIn(t, 'sari@sekolah.id', '10.0.0.1', 'succeeds')
    at(1000)
    for (let i = 0; i < 3; i++) expect(await signIn(t, 'sari@sekolah.id', '10.0.0.1', 'fails')).toBeNull()
    at(2000)
    expect(await signIn(t, 'sari@sekolah.id', '10.0.0.1', 'fails')).toBe(59)
    at(3000)
    for (let i = 0; i < 26; i++)
      expect(await signIn(t, `guru${i}@sekolah.id`, '10.0.0.1', 'fails')).toBeNull()
    at(4000)
    expect(await signIn(t, 'kepala@sekolah.id', '10.0.0.1', 'succeeds')).toBe(56)
    expect(await signIn(t, 'kepala@sekolah.id', '10.0.0.9', 'succeeds')).toBeNull()
  })

  it('lets through only the limit of sign-ins sent at once, and does not count those made to wait', async () => {
    const t = throttle()
    const waits = await Promise.all(
      Array.from({ length: 10 }, () => signIn(t, 'sari@sekolah.id', '10.0.0.1', 'fails')),
    )
    expect(waits.filter((wait) => wait === null)).toHaveLength(3)
    for (let i = 0; i < 26; i++) await signIn(t, `guru${i}@sekolah.id`, '10.0.0.1', 'fails')
    expect(await signIn(t, 'kepala@sekolah.id', '10.0.0.1', 'fails')).toBeNull()
    expect(await signIn(t, 'kepala@sekolah.id', '10.0.0.1', 'fails')).toBe(60)
  })
})
