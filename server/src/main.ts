import { Logger } from '@nestjs/common'
import { createApp } from './app.js'
import { configFromEnvironment } from './config/app-config.js'

const config = configFromEnvironment(process.env)
const app = await createApp(config)
await app.listen(config.port, config.host)
const address = app.getHttpServer().address()
const port = typeof address === 'object' && address ? address.port : config.port
new Logger('Rembuk').log({ port, dataDir: config.dataDir, store: config.eventStore }, 'listening')
