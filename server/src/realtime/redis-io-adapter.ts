import type { INestApplicationContext } from '@nestjs/common'
import { Logger } from '@nestjs/common'
import { IoAdapter } from '@nestjs/platform-socket.io'
import { createAdapter } from '@socket.io/redis-adapter'
import { createClient } from 'redis'
import type { Server, ServerOptions } from 'socket.io'

/**
 * socket.io across replicas: each replica publishes its broadcasts through Redis and hears the others', so a
 * room holds every connection of a school whichever replica it reached, and `fetchSockets` sees them all.
 */
export class RedisIoAdapter extends IoAdapter {
  private readonly log = new Logger(RedisIoAdapter.name)
  private clients: { quit(): Promise<unknown> }[] = []
  private adapter: ReturnType<typeof createAdapter> | undefined

  constructor(app: INestApplicationContext) {
    super(app)
  }

  async connect(url: string): Promise<void> {
    const publisher = createClient({ url })
    const subscriber = publisher.duplicate()
    for (const client of [publisher, subscriber]) {
      client.on('error', (error: unknown) => this.log.error({ err: error }, 'Redis connection error'))
    }
    await Promise.all([publisher.connect(), subscriber.connect()])
    this.clients = [publisher, subscriber]
    this.adapter = createAdapter(publisher, subscriber)
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    const server = super.createIOServer(port, options) as Server
    if (this.adapter) server.adapter(this.adapter)
    return server
  }

  override async close(server: Server): Promise<void> {
    await super.close(server)
    await Promise.allSettled(this.clients.map((client) => client.quit()))
  }
}
