import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startServer, type TestServer, tempDataDir } from './support/test-server.js'

describe('security headers', () => {
  let data: ReturnType<typeof tempDataDir>
  let server: TestServer

  beforeEach(async () => {
    data = tempDataDir()
    server = await startServer(data.dir)
  })
  afterEach(async () => {
    await server.close()
    data.remove()
  })

  it('sends a content security policy and framing, sniffing and referrer rules on every answer', async () => {
    for (const path of ['/health', '/api/setup', '/api/plans']) {
      const response = await fetch(`${server.httpUrl}${path}`)
      expect(response.headers.get('content-security-policy')).toMatch(
        /default-src 'self'.*frame-ancestors 'none'/,
      )
      expect(response.headers.get('x-content-type-options')).toBe('nosniff')
      expect(response.headers.get('x-frame-options')).toBe('DENY')
      expect(response.headers.get('referrer-policy')).toBe('no-referrer')
      expect(response.headers.get('x-powered-by')).toBeNull()
    }
  })

  it('allows no other origin to call the API', async () => {
    const preflight = await fetch(`${server.httpUrl}/api/auth/login`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://lain.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    })
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull()
    const read = await fetch(`${server.httpUrl}/api/setup`, { headers: { origin: 'https://lain.example' } })
    expect(read.headers.get('access-control-allow-origin')).toBeNull()
  })
})
