import 'reflect-metadata'
import type { INestApplication } from '@nestjs/common'
import { NestFactory } from '@nestjs/core'
import { Logger } from 'nestjs-pino'
import { AppModule } from './app.module.js'
import type { AppConfigValues } from './config/app-config.js'

/** Builds the whole application for `config`; the caller listens. */
export async function createApp(config: AppConfigValues): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.with(config), { bufferLogs: true })
  app.useLogger(app.get(Logger))
  app.enableShutdownHooks()
  return app
}
