// Run as plain JavaScript (`node --eval`, see competitors.ts) so no TypeScript loader sits in the measured
// process: keep this file free of type syntax.
import { join } from 'node:path'
import { SQLite } from '@hocuspocus/extension-sqlite'
import { Server } from '@hocuspocus/server'

const server = new Server({
  address: '127.0.0.1',
  port: 0,
  quiet: true,
  extensions: [new SQLite({ database: join(process.env.BENCH_DATA_DIR ?? '.', 'hocuspocus.sqlite') })],
})
await server.listen()
console.log(JSON.stringify({ ready: true, port: server.address.port }))
