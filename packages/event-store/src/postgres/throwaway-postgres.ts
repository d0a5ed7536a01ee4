import { randomUUID } from 'node:crypto'
import {
  appendFileSync,
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import {
  handToPostgresUser,
  postgresBinDir,
  runPostgresProgram,
  spawnPostgresProgram,
} from './postgres-binaries.js'

export { postgresBinDir }

export interface ThrowawayPostgresOptions {
  /** A free port by default. */
  port?: number
  /** The address the server listens on: 127.0.0.1 by default. */
  host?: string
  /** Keeps the cluster here (made when the directory is empty, left in place by `stop`). */
  dataDir?: string
}

export interface ThrowawayPostgres {
  /** An empty database made at start: `postgres://postgres@host:port/rembuk`. */
  readonly url: string
  readonly port: number
  /** Makes another empty database and answers its URL. */
  createDatabase(): Promise<string>
  dropDatabase(url: string): Promise<void>
  /** Shuts the server down and removes the directories it made. */
  stop(): Promise<void>
  /** SIGKILL of the postmaster, as a crash would do; `restart` starts it again. */
  kill(): Promise<void>
  /** Stops the server fast (if it runs) and starts it again on the same port and data. */
  restart(): Promise<void>
}

const settingsFile = 'rembuk-throwaway.conf'
const loopback = new Set(['127.0.0.1', 'localhost', '::1'])

/**
 * A PostgreSQL server of its own for tests, from the system's binaries (Debian's `postgresql` package): a
 * cluster made with `initdb`, listening on TCP only, durable as in production (`fsync` on).
 */
export async function startThrowawayPostgres(
  options: ThrowawayPostgresOptions = {},
): Promise<ThrowawayPostgres> {
  const binDir = postgresBinDir()
  const host = options.host ?? '127.0.0.1'
  const connectHost = host === '0.0.0.0' || host === '*' ? '127.0.0.1' : host === '::' ? '::1' : host
  const workDir = mkdtempSync(join(tmpdir(), 'rembuk-postgres-'))
  handToPostgresUser(workDir)
  const dataDir = options.dataDir ?? join(workDir, 'data')
  const logFile = join(workDir, 'postgres.log')
  let postmaster: { pid: number; exited: Promise<void> } | undefined

  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    mkdirSync(dataDir, { recursive: true, mode: 0o700 })
    handToPostgresUser(dataDir)
    await runPostgresProgram(binDir, 'initdb', [
      ...['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--locale=C', '--no-sync'],
    ])
    appendFileSync(join(dataDir, 'postgresql.conf'), `\ninclude_if_exists = '${settingsFile}'\n`)
    if (!loopback.has(host)) appendFileSync(join(dataDir, 'pg_hba.conf'), '\nhost all all all trust\n')
  }

  const start = async (port: number) => {
    writeFileSync(
      join(dataDir, settingsFile),
      [
        `port = ${port}`,
        `listen_addresses = '${host}'`,
        "unix_socket_directories = ''",
        'fsync = on',
        'synchronous_commit = on',
      ].join('\n'),
    )
    const log = openSync(logFile, 'a')
    const child = spawnPostgresProgram(binDir, 'postgres', ['-D', dataDir], log)
    closeSync(log)
    const exited = new Promise<void>((resolve) => {
      child.once('exit', () => resolve())
      child.once('error', () => resolve())
    })
    try {
      await acceptingConnections(urlOf('postgres', port), exited)
    } catch (error) {
      if (child.exitCode === null) {
        for (const pid of [postmasterPid(), child.pid]) {
          try {
            if (pid) process.kill(pid, 'SIGKILL')
          } catch {}
        }
      }
      await exited
      const tail = existsSync(logFile) ? readFileSync(logFile, 'utf8').split('\n').slice(-15).join('\n') : ''
      throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${tail}`)
    }
    postmaster = { pid: postmasterPid() ?? (child.pid as number), exited }
  }
  const signal = async (name: 'SIGINT' | 'SIGKILL') => {
    if (!postmaster) return
    const { pid, exited } = postmaster
    postmaster = undefined
    process.kill(pid, name)
    await exited
  }

  let port = options.port ?? (await freePort(host))
  for (let attempt = 1; ; attempt++) {
    try {
      await start(port)
      break
    } catch (error) {
      // A free port found by the test process may be taken before the server binds it.
      if (options.port !== undefined || attempt === 3) throw error
      port = await freePort(host)
    }
  }

  const admin = async <T>(work: (client: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: urlOf('postgres', port) })
    await client.connect()
    try {
      return await work(client)
    } finally {
      await client.end()
    }
  }
  const createDatabase = async (name = `rembuk_${randomUUID().replaceAll('-', '').slice(0, 16)}`) => {
    await admin((client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`))
    return urlOf(name, port)
  }

  const killOnExit = () => {
    if (!postmaster) return
    try {
      process.kill(postmaster.pid, 'SIGQUIT')
    } catch {}
  }
  process.on('exit', killOnExit)

  const url = (await admin((client) => client.query(`SELECT 1 FROM pg_database WHERE datname = 'rembuk'`)))
    .rowCount
    ? urlOf('rembuk', port)
    : await createDatabase('rembuk')

  return {
    url,
    port,
    createDatabase: () => createDatabase(),
    async dropDatabase(databaseUrl) {
      const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1))
      await admin((client) =>
        client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`),
      )
    },
    async stop() {
      await signal('SIGINT')
      process.off('exit', killOnExit)
      rmSync(workDir, { recursive: true, force: true })
    },
    kill: () => signal('SIGKILL'),
    async restart() {
      await signal('SIGINT')
      // After a kill, the old server's other processes let go of its shared memory a moment later.
      for (let attempt = 1; ; attempt++) {
        try {
          await start(port)
          return
        } catch (error) {
          if (attempt === 50) throw error
          await sleep(100)
        }
      }
    },
  }

  function urlOf(database: string, port: number): string {
    return `postgres://postgres@${connectHost.includes(':') ? `[${connectHost}]` : connectHost}:${port}/${database}`
  }

  function postmasterPid(): number | undefined {
    const pidFile = join(dataDir, 'postmaster.pid')
    return existsSync(pidFile) ? Number(readFileSync(pidFile, 'utf8').split('\n')[0]) : undefined
  }
}

/** Resolves once a connection succeeds; rejects when the server exits first or takes longer than a minute. */
async function acceptingConnections(url: string, exited: Promise<void>): Promise<void> {
  let gone = false
  void exited.then(() => {
    gone = true
  })
  const deadline = Date.now() + 60_000
  for (;;) {
    const client = new pg.Client({ connectionString: url })
    client.on('error', () => {})
    try {
      await client.connect()
      await client.end()
      return
    } catch (error) {
      if (gone) throw new Error('the server exited')
      if (Date.now() > deadline) throw error
    }
    await sleep(25)
  }
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, host, () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}
