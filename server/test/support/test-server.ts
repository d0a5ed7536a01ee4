import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { INestApplication } from '@nestjs/common'
import { createApp } from '../../src/app.js'
import type { AppConfigValues } from '../../src/config/app-config.js'

export interface TestServer {
  app: INestApplication
  port: number
  httpUrl: string
  collabUrl: string
  dataDir: string
  /** Stops the server (storing what is pending) and starts a new one on the same data directory. */
  restart(): Promise<TestServer>
  close(): Promise<void>
}

export function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'rembuk-server-'))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

/** A real server on a free port, with its own SQLite file. */
export async function startServer(
  dataDir: string,
  overrides: Partial<AppConfigValues> = {},
): Promise<TestServer> {
  const config: AppConfigValues = {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    eventStore: 'sqlite',
    kurrentDbConnectionString: undefined,
    flushMs: 20,
    snapshotEvery: 200,
    maxMessageBytes: 1024 * 1024,
    logLevel: 'error',
    clientDir: join(dataDir, 'no-client'),
    ...overrides,
  }
  const app = await createApp(config)
  await app.listen(0, '127.0.0.1')
  const address = app.getHttpServer().address() as { port: number }
  const server: TestServer = {
    app,
    port: address.port,
    httpUrl: `http://127.0.0.1:${address.port}`,
    collabUrl: `ws://127.0.0.1:${address.port}/collab`,
    dataDir,
    async restart() {
      await app.close()
      return startServer(dataDir, overrides)
    },
    close: () => app.close(),
  }
  return server
}

export async function getJson<T = unknown>(
  server: TestServer,
  path: string,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.httpUrl}${path}`)
  return { status: response.status, body: (await response.json()) as T }
}
