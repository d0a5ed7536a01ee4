import 'reflect-metadata'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import type { INestApplication } from '@nestjs/common'
import { NestFactory } from '@nestjs/core'
import type { NestExpressApplication } from '@nestjs/platform-express'
import type { NextFunction, Request, Response } from 'express'
import { Logger } from 'nestjs-pino'
import { AppModule } from './app.module.js'
import { securityHeaders } from './common/security-headers.js'
import type { AppConfigValues } from './config/app-config.js'

const serverPaths = /^\/(api|collab|health|socket\.io)(\/|$)/

/** Builds the whole application for `config`; the caller listens. */
export async function createApp(config: AppConfigValues): Promise<INestApplication> {
  return configureApp(
    await NestFactory.create<NestExpressApplication>(AppModule.with(config), { bufferLogs: true }),
    config,
  )
}

/**
 * Logging, shutdown hooks, socket.io across replicas (with Redis) and the web client, for an application made
 * from `AppModule.with(config)`.
 */
export async function configureApp(
  app: NestExpressApplication,
  config: AppConfigValues,
): Promise<INestApplication> {
  const logger = app.get(Logger)
  app.useLogger(logger)
  if (config.redisUrl) {
    const { RedisIoAdapter } = await import('./realtime/redis-io-adapter.js')
    const adapter = new RedisIoAdapter(app)
    await adapter.connect(config.redisUrl)
    app.useWebSocketAdapter(adapter)
  }
  app.enableShutdownHooks()
  app.disable('x-powered-by')
  // Behind the reverse proxy (infra/nginx), the client's address comes from X-Forwarded-For.
  app.set('trust proxy', config.trustProxy)
  app.use(securityHeaders)
  const index = join(config.clientDir, 'index.html')
  if (existsSync(index)) {
    app.useStaticAssets(config.clientDir, { index: false, maxAge: '1h' })
    app.use((request: Request, response: Response, next: NextFunction) => {
      if (request.method !== 'GET' || serverPaths.test(request.path)) return next()
      response.sendFile(index)
    })
  } else {
    logger.warn(`No web client at ${config.clientDir}: serving the API only (build it with "pnpm build")`)
  }
  return app
}
