import { randomBytes } from 'node:crypto'
import { chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { postgresBinDir } from '@rembuk/event-store/postgres-testing'
import pg from 'pg'
import type { HostProcess, TestHost } from './network.js'

const osUser = 'postgres'

export interface HostedPostgres {
  host: TestHost
  port: number
  dataDir: string
  readonly process: HostProcess | undefined
  /** The URL of `database` for the application's role, which owns the databases `createDatabase` makes. */
  url(database: string): string
  /** The superuser's URL. */
  adminUrl(database?: string): string
  /** Makes an empty database owned by the application's role and answers its URL. */
  createDatabase(name: string): Promise<string>
  /** Runs SQL as the superuser on database `postgres`, on a connection of its own. */
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<R[]>
  start(): Promise<void>
  /** A fast shutdown (SIGINT: sessions are ended, a checkpoint written), and the wait for the exit. */
  stopFast(): Promise<void>
  kill(): Promise<void>
  /** Removes the data directory (stop the server first). */
  removeData(): void
}

export interface PostgresInHostOptions {
  port?: number
  /** The role the application connects as (default `rembuk`). */
  role?: string
}

function idsOf(name: string): { uid: number; gid: number } {
  const entry = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .map((line) => line.split(':'))
    .find((fields) => fields[0] === name)
  if (!entry) throw new Error(`there is no user ${name} to run PostgreSQL as`)
  return { uid: Number(entry[2]), gid: Number(entry[3]) }
}

async function ran(child: HostProcess, what: string): Promise<void> {
  const { code, signal } = await child.exited
  if (code !== 0) throw new Error(`${what} ended with ${code ?? signal}:\n${child.tail.join('\n')}`)
}

/**
 * A throwaway PostgreSQL cluster (Debian's newest binaries, run as user `postgres`) inside the host, listening on
 * the host's network address, with password sign-in from the network's /24 only.
 */
export async function startPostgresIn(
  host: TestHost,
  options: PostgresInHostOptions = {},
): Promise<HostedPostgres> {
  const binaries = postgresBinDir()
  const port = options.port ?? 5432
  const role = options.role ?? 'rembuk'
  const adminPassword = randomBytes(12).toString('hex')
  const rolePassword = randomBytes(12).toString('hex')
  const { uid, gid } = idsOf(osUser)
  const dataDir = mkdtempSync(join(tmpdir(), 'rembuk-pg-'))
  chownSync(dataDir, uid, gid)
  const passwordFile = join(dataDir, '..', `${dataDir.split('/').pop()}.pw`)
  writeFileSync(passwordFile, `${adminPassword}\n`, { mode: 0o600 })
  chownSync(passwordFile, uid, gid)
  const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C', TZ: 'UTC' }
  const subnet = host.address.split('.').slice(0, 3).join('.')
  try {
    await ran(
      host.spawn(
        join(binaries, 'initdb'),
        [
          '-D',
          dataDir,
          '-U',
          'postgres',
          '--pwfile',
          passwordFile,
          '--auth-local=trust',
          '--auth-host=scram-sha-256',
          '-E',
          'UTF8',
          '--locale=C',
          '--no-sync',
        ],
        { user: osUser, env },
      ),
      'initdb',
    )
  } finally {
    rmSync(passwordFile, { force: true })
  }
  writeFileSync(
    join(dataDir, 'pg_hba.conf'),
    `local all all trust\nhost all all ${subnet}.0/24 scram-sha-256\n`,
  )
  chownSync(join(dataDir, 'pg_hba.conf'), uid, gid)

  let current: HostProcess | undefined
  const start = async () => {
    let ready: () => void = () => undefined
    const readied = new Promise<void>((resolve) => {
      ready = resolve
    })
    const child = host.spawn(
      join(binaries, 'postgres'),
      [
        '-D',
        dataDir,
        '-p',
        String(port),
        '-k',
        dataDir,
        '-c',
        `listen_addresses=${host.address}`,
        '-c',
        'max_connections=300',
      ],
      {
        user: osUser,
        env,
        onLine(line) {
          if (line.includes('database system is ready to accept connections')) ready()
        },
      },
    )
    const outcome = await Promise.race([
      readied.then(() => 'ready' as const),
      child.exited.then(() => 'exited' as const),
      new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 30_000).unref()),
    ])
    if (outcome !== 'ready') {
      await child.kill()
      throw new Error(`postgres in ${host.name}: ${outcome}\n${child.tail.join('\n')}`)
    }
    current = child
  }

  const adminUrl = (database = 'postgres') =>
    `postgres://postgres:${adminPassword}@${host.address}:${port}/${database}`
  const query = async <R extends pg.QueryResultRow>(sql: string, params: unknown[] = []) => {
    const client = new pg.Client({ connectionString: adminUrl(), connectionTimeoutMillis: 5_000 })
    client.on('error', () => undefined)
    await client.connect()
    try {
      return (await client.query<R>(sql, params)).rows
    } finally {
      await client.end()
    }
  }

  await start()
  await query(`CREATE ROLE ${role} LOGIN PASSWORD '${rolePassword}'`)
  return {
    host,
    port,
    dataDir,
    get process() {
      return current
    },
    url: (database) => `postgres://${role}:${rolePassword}@${host.address}:${port}/${database}`,
    adminUrl,
    async createDatabase(name) {
      if (!/^[a-z][a-z0-9_]{0,62}$/.test(name)) throw new Error(`database name ${name}`)
      await query(`CREATE DATABASE ${name} OWNER ${role}`)
      return `postgres://${role}:${rolePassword}@${host.address}:${port}/${name}`
    },
    query,
    start,
    async stopFast() {
      await current?.stop('SIGINT', 30_000)
    },
    async kill() {
      await current?.kill()
    },
    removeData() {
      if (current?.running) throw new Error('postgres still runs on its data directory')
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
