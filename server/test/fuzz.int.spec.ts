import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { collabKinds, type FuzzLimits } from '../../tests/reliability/fuzz/fuzz-frames.js'
import { socketKinds } from '../../tests/reliability/fuzz/fuzz-packets.js'
import { type FuzzResult, runFuzz } from '../../tests/reliability/fuzz/fuzzing.js'
import { startServer, type TestServer, tempDataDir } from './support/test-server.js'

const limits: FuzzLimits = {
  maxMessageBytes: 64 * 1024,
  maxDocBytes: 512 * 1024,
  maxConnectionsPerMember: 20,
  maxMessagesPerSecond: 100,
}

describe('hostile frames on /collab and hostile packets on socket.io', () => {
  let data: ReturnType<typeof tempDataDir>
  let server: TestServer
  let result: FuzzResult

  beforeAll(async () => {
    data = tempDataDir()
    server = await startServer(data.dir, limits)
    result = await runFuzz({
      httpUrl: server.httpUrl,
      collabUrl: server.collabUrl,
      dbFile: join(data.dir, 'rembuk.db'),
      collabCases: 600,
      socketCases: 200,
      seed: 20_251_130,
      concurrency: 6,
      limits,
    })
  })
  afterAll(async () => {
    await server?.close()
    data?.remove()
  })

  it('leaves the server answering, the bystanders undisturbed and the log sound', () => {
    expect(result.problems).toEqual([])
    expect(result.bystanders.tokensTyped).toBeGreaterThan(0)
  })

  it('tries every kind of case', () => {
    expect(result.collabCases).toBe(600)
    expect(result.socketCases).toBe(200)
    expect(Object.keys(result.byKind).sort()).toEqual([...collabKinds, ...socketKinds].sort())
  })

  it('answers what breaks the protocol or a limit with a clear close code or HTTP status', () => {
    for (const outcome of ['open', 'close 1003', 'close 1007', 'close 1009', 'close 4413', 'close 4529'])
      expect(result.closeCodes[outcome], outcome).toBeGreaterThan(0)
    for (const status of [400, 401, 404, 429])
      expect(result.closeCodes[`http ${status}`], `${status}`).toBeGreaterThan(0)
  })

  it('answers wrong socket.io packets with an error, and floods with a refusal and a disconnect', () => {
    expect(result.socketOutcomes['ack error']).toBeGreaterThan(0)
    expect(result.socketOutcomes.refused).toBeGreaterThan(0)
    expect(result.byKind.flood).toEqual({ 'refused + disconnect io server disconnect': expect.any(Number) })
  })
})
