import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { INestApplication, Type } from '@nestjs/common'
import type { NestExpressApplication } from '@nestjs/platform-express'
import { Test } from '@nestjs/testing'
import { configureApp, createApp } from '../../src/app.js'
import { AppModule } from '../../src/app.module.js'
import { CollabAccess } from '../../src/collab/collab-access.js'
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

export interface TestServerOptions {
  /** Another access policy for the collaboration endpoint in place of the default one. */
  collabAccess?: Type<CollabAccess>
  /** Providers built by a factory in place of the real ones (a store that fails on demand, say). */
  overrides?: { provide: Type<unknown> | symbol; inject: unknown[]; factory: (...deps: never[]) => unknown }[]
}

export function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'rembuk-server-'))
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) }
}

async function buildApp(config: AppConfigValues, options: TestServerOptions): Promise<INestApplication> {
  if (!options.collabAccess && !options.overrides) return createApp(config)
  const builder = Test.createTestingModule({ imports: [AppModule.with(config)] })
  if (options.collabAccess) builder.overrideProvider(CollabAccess).useClass(options.collabAccess)
  for (const { provide, inject, factory } of options.overrides ?? []) {
    builder.overrideProvider(provide).useFactory({ factory, inject: inject as never[] })
  }
  const moduleRef = await builder.compile()
  return configureApp(moduleRef.createNestApplication<NestExpressApplication>({ bufferLogs: true }), config)
}

/** A real server on a free port, with its own SQLite file. */
export async function startServer(
  dataDir: string,
  overrides: Partial<AppConfigValues> = {},
  options: TestServerOptions = {},
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
    maxDocBytes: 64 * 1024 * 1024,
    maxConnectionsPerMember: 20,
    maxMessagesPerSecond: 100,
    redisUrl: undefined,
    replicaId: undefined,
    trustProxy: 'loopback',
    logLevel: 'error',
    clientDir: join(dataDir, 'no-client'),
    tokenSecret: undefined,
    tokenTtlSeconds: 3600,
    loginAttempts: 5,
    loginWindowSeconds: 900,
    ...overrides,
  }
  const app = await buildApp(config, options)
  await app.listen(0, '127.0.0.1')
  const address = app.getHttpServer().address() as { port: number }
  return {
    app,
    port: address.port,
    httpUrl: `http://127.0.0.1:${address.port}`,
    collabUrl: `ws://127.0.0.1:${address.port}/collab`,
    dataDir,
    async restart() {
      await app.close()
      return startServer(dataDir, overrides, options)
    },
    close: () => app.close(),
  }
}

export async function getJson<T = unknown>(
  server: TestServer,
  path: string,
  token?: string,
): Promise<{ status: number; body: T }> {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {}
  const response = await fetch(`${server.httpUrl}${path}`, { headers })
  return { status: response.status, body: (await response.json()) as T }
}
