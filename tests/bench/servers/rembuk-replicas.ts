import { mkdirSync } from 'node:fs'
import { createConnection } from 'node:net'
import { join } from 'node:path'
import { startThrowawayPostgres, type ThrowawayPostgres } from '@rembuk/event-store/postgres-testing'
import pg from 'pg'
import { seatSchool } from '../../reliability/load/load-seats.js'
import { type RedisProcess, startRedis } from '../../support/redis-process.js'
import { type ServerProcess, startServerProcess } from '../../support/server-process.js'
import type { Competitor, Seat, Sizes } from './competitors.js'
import { parentPid } from './processes.js'

const tokenSecret = 'rahasia-bersama-replika-untuk-pengukuran-0123456789'

/** The postmaster's pid: the parent of the backend that answers a query. */
async function postmasterPid(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')
    return parentPid(Number(rows[0]?.pid))
  } finally {
    await client.end()
  }
}

/** redis-server's pid, from `INFO server`. */
function redisPid(url: string): Promise<number> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const socket = createConnection({ host: hostname, port: Number(port) })
    let reply = ''
    socket.setTimeout(10_000, () => socket.destroy(new Error(`no INFO answer from ${url}`)))
    socket.once('error', reject)
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString()
      const pid = /process_id:(\d+)/.exec(reply)?.[1]
      if (pid) {
        socket.end()
        resolve(Number(pid))
      }
    })
    socket.write('INFO server\r\n')
  })
}

/**
 * Which replica seat k connects to: seat k is client ⌊k / documents⌋ of document k mod documents
 * (`seatSchool`), so its replica is that client's index mod `replicas`, and every document with at least
 * `replicas` clients has clients on each replica.
 */
export function replicaOfSeat(k: number, documents: number, replicas: number): number {
  return Math.floor(k / documents) % replicas
}

/**
 * Rembuk scaled out: a throwaway PostgreSQL and a Redis of their own, `replicas` server processes each on
 * a data directory of its own, a school seated through the first, and the seats spread over the replicas
 * so that every document is edited from each of them. CPU and memory are those of the replicas,
 * PostgreSQL (the postmaster and every backend) and Redis together. `nodeArgs` go to every replica's Node.
 */
export async function startRembukReplicas(
  sizes: Sizes,
  dir: string,
  replicas = 3,
  nodeArgs: string[] = [],
): Promise<Competitor> {
  if (sizes.clientsPerDocument < replicas) {
    throw new Error(`${sizes.clientsPerDocument} clients per document cannot span ${replicas} replicas`)
  }
  const total = sizes.documents * sizes.clientsPerDocument
  const limits = {
    REMBUK_MAX_CONNECTIONS_PER_MEMBER: String(Math.max(20, total)),
    REMBUK_MAX_MESSAGES_PER_SECOND: '10000',
  }
  let postgres: ThrowawayPostgres | undefined
  let redis: RedisProcess | undefined
  const servers: ServerProcess[] = []
  const stop = async () => {
    await Promise.allSettled(servers.map((server) => server.stop()))
    await Promise.allSettled([redis?.stop(), postgres?.stop()])
  }
  try {
    const started = performance.now()
    const [startedPostgres, startedRedis] = await Promise.all([startThrowawayPostgres(), startRedis()])
    postgres = startedPostgres
    redis = startedRedis
    const databaseUrl = await postgres.createDatabase()
    const env = (id: string) => ({
      ...limits,
      REMBUK_EVENT_STORE: 'postgres',
      REMBUK_POSTGRES_URL: databaseUrl,
      REDIS_URL: startedRedis.url,
      REMBUK_REPLICA_ID: id,
      REMBUK_TOKEN_SECRET: tokenSecret,
    })
    const ids = Array.from({ length: replicas }, (_, i) => `r${i + 1}`)
    const starting = ids.map((id) => {
      const dataDir = join(dir, id)
      mkdirSync(dataDir, { recursive: true })
      return startServerProcess(dataDir, env(id), nodeArgs).then((server) => {
        servers.push(server)
        return server
      })
    })
    const ready = await Promise.all(starting)
    const startMs = Math.round(performance.now() - started)
    const { seats: seated } = await seatSchool(ready[0] as ServerProcess, { ...sizes, env: limits })
    const seats: Seat[] = seated.map((seat, k) => ({
      ...seat,
      url: (ready[replicaOfSeat(k, sizes.documents, replicas)] as ServerProcess).collabUrl,
    }))
    const [postmaster, redisServer] = await Promise.all([
      postmasterPid(databaseUrl),
      redisPid(startedRedis.url),
    ])
    return {
      startMs,
      name: `Rembuk, ${replicas} replicas on PostgreSQL + Redis`,
      client: 'y-websocket',
      pid: ready[0]?.child.pid as number,
      url: (ready[0] as ServerProcess).collabUrl,
      seats,
      processes: [...ready.map((server) => server.child.pid as number), postmaster, redisServer],
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}
