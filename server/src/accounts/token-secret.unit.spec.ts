import { describe, expect, it } from 'vitest'
import { configFromEnvironment, InvalidConfigError } from '../config/app-config.js'

const secret = 'rahasia-bersama-semua-replika-0123456789'

describe('the token secret in the configuration', () => {
  it('may be left to the data directory on a single server', () => {
    expect(configFromEnvironment({}).tokenSecret).toBeUndefined()
    expect(configFromEnvironment({ REMBUK_EVENT_STORE: 'sqlite' }).tokenSecret).toBeUndefined()
  })

  it.each([
    { REDIS_URL: 'redis://redis:6379' },
    { REMBUK_EVENT_STORE: 'kurrentdb', KURRENTDB_CONNECTION_STRING: 'kurrentdb://node1:2113?tls=false' },
  ])('is required with replicas (%o), saying how to make one', (env) => {
    expect(() => configFromEnvironment(env)).toThrow(InvalidConfigError)
    expect(() => configFromEnvironment(env)).toThrow(
      /REMBUK_TOKEN_SECRET: required .*`openssl rand -base64 48`/,
    )
    expect(configFromEnvironment({ ...env, REMBUK_TOKEN_SECRET: secret }).tokenSecret).toBe(secret)
  })
})
