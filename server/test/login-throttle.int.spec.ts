import { Logger } from '@nestjs/common'
import { createClient } from 'redis'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { type RedisProcess, startRedis } from '../../tests/support/redis-process.js'
import { countingAloneMessage, LoginThrottle, TooManyAttempts } from '../src/accounts/login-throttle.js'
import type { AppConfig } from '../src/config/app-config.js'

/** The wait a sign-in is given, or null when it may go on (it then fails, unless `succeeds`). */
async function signIn(t: LoginThrottle, email: string, address: string, succeeds = false) {
  try {
    await t.check(email, address)
  } catch (error) {
    if (error instanceof TooManyAttempts) return error.retryAfterSeconds
    throw error
  }
  if (succeeds) await t.succeeded(email, address)
  return null
}

describe('the sign-in throttle of several replicas, with Redis between them', () => {
  let redis: RedisProcess
  const throttles: LoginThrottle[] = []

  /** The throttle of one more replica, connected. */
  async function replica(): Promise<LoginThrottle> {
    const throttle = new LoginThrottle({
      loginAttempts: 3,
      loginWindowSeconds: 60,
      redisUrl: redis.url,
    } as AppConfig)
    throttles.push(throttle)
    await throttle.onModuleInit()
    return throttle
  }

  beforeEach(async () => {
    redis = await startRedis()
  })
  afterEach(async () => {
    vi.restoreAllMocks()
    for (const throttle of throttles.splice(0)) throttle.onApplicationShutdown()
    await redis.stop()
  })

  it('shares one count: failures on one replica make the email wait on the other', async () => {
    const [one, two] = [await replica(), await replica()]
    for (let i = 0; i < 3; i++) expect(await signIn(one, 'sari@sekolah.id', '10.0.0.1')).toBeNull()
    const wait = await signIn(two, 'Sari@Sekolah.id', '10.0.0.2', true)
    expect(wait).toBeGreaterThan(55)
    expect(wait).toBeLessThanOrEqual(60)
    expect(await signIn(one, 'sari@sekolah.id', '10.0.0.3', true)).toBe(wait)
    expect(await signIn(two, 'budi@sekolah.id', '10.0.0.1', true)).toBeNull()
  })

  it('clears the email for every replica when one signs it in', async () => {
    const [one, two] = [await replica(), await replica()]
    for (let i = 0; i < 2; i++) await signIn(one, 'budi@sekolah.id', '10.0.0.1')
    expect(await signIn(two, 'budi@sekolah.id', '10.0.0.1', true)).toBeNull()
    for (let i = 0; i < 3; i++) expect(await signIn(one, 'budi@sekolah.id', '10.0.0.1')).toBeNull()
    expect(await signIn(two, 'budi@sekolah.id', '10.0.0.1')).not.toBeNull()
  })

  it('counts sign-ins sent to both replicas at once as one count', async () => {
    const [one, two] = [await replica(), await replica()]
    const waits = await Promise.all(
      Array.from({ length: 10 }, (_, i) => signIn(i % 2 ? one : two, 'wati@sekolah.id', `10.0.0.${i}`)),
    )
    expect(waits.filter((wait) => wait === null)).toHaveLength(3)
  })

  it('goes on signing in when Redis stops, counting in each replica alone, and says so', async () => {
    const warn = vi.spyOn(Logger.prototype, 'warn')
    const one = await replica()
    await signIn(one, 'sari@sekolah.id', '10.0.0.1')
    await redis.stop()
    expect(await signIn(one, 'kepala@sekolah.id', '10.0.0.1', true)).toBeNull()
    for (let i = 0; i < 3; i++) expect(await signIn(one, 'sari@sekolah.id', '10.0.0.1')).toBeNull()
    expect(await signIn(one, 'sari@sekolah.id', '10.0.0.1', true)).toBe(60)
    expect(warn.mock.calls.some((args) => args.includes(countingAloneMessage))).toBe(true)
  })

  it('does not wait long for a Redis that stopped answering', async () => {
    const one = await replica()
    const probe = createClient({ url: redis.url })
    await probe.connect()
    const pid = Number(/process_id:(\d+)/.exec(await probe.info('server'))?.[1])
    probe.destroy()
    process.kill(pid, 'SIGSTOP')
    const timed = async (attempt: Promise<number | null>) => {
      const started = Date.now()
      const wait = await attempt
      expect(Date.now() - started).toBeLessThan(2500)
      return wait
    }
    try {
      for (let i = 0; i < 3; i++) expect(await timed(signIn(one, 'sari@sekolah.id', '10.0.0.1'))).toBeNull()
      expect(await timed(signIn(one, 'sari@sekolah.id', '10.0.0.1', true))).toBeGreaterThan(50)
    } finally {
      process.kill(pid, 'SIGCONT')
    }
  })
})
