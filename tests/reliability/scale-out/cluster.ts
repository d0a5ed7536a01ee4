import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type HostedBalancer, startBalancerIn } from '../../support/netns/balancer.js'
import { createTestNetwork, type TestHost, type TestNetwork } from '../../support/netns/network.js'
import { type HostedPostgres, startPostgresIn } from '../../support/netns/postgres.js'
import { type HostedRedis, startRedisIn } from '../../support/netns/redis.js'
import { type HostedServer, startServerIn } from '../../support/netns/server.js'
import { postgresAccess, type StoreAccess, sqliteAccess } from './store-access.js'

/**
 * `postgres`: three replicas, each on a data directory of its own, sharing PostgreSQL and Redis on the store
 * host. Without a PostgreSQL store, to exercise the harness: `sqlite`, one replica on its own SQLite store;
 * `sqlite-shared`, three replicas on one SQLite data directory (the hosts share the machine's disk), killed
 * replicas coming back on it.
 */
export type Backend = 'postgres' | 'sqlite' | 'sqlite-shared'
export const backends: readonly Backend[] = ['postgres', 'sqlite', 'sqlite-shared']

export interface ClusterOptions {
  backend: Backend
  /** The test network's name (1-8 lower-case letters or digits) and its /24. */
  network: string
  subnet: string
  /** Extra environment for every replica. */
  env?: Record<string, string>
}

export const replicaPort = 3000
export const balancerPort = 8080
export const tokenSecret = 'rahasia-bersama-semua-replika-provinsi-0123456789'

/**
 * The hosts of the scale-out check on one test network: `store` (PostgreSQL, Redis), `r1`-`r3` (server
 * replicas), `lb` (the TCP balancer in front of them); the test process is the clients' host, attached to
 * the network as .1.
 */
export class ScaleOutCluster {
  readonly replicas = new Map<string, HostedServer>()
  /** Every replica process started, the running ones and those that ended. */
  readonly started: HostedServer[] = []
  private readonly dataRoot = mkdtempSync(join(tmpdir(), 'rembuk-scale-out-'))
  private starts = 0
  private sharedDataDir: string | undefined
  databaseUrl = ''
  balancer: HostedBalancer | undefined
  storeAccess: StoreAccess = () => Promise.reject(new Error('no replicas started'))

  private constructor(
    readonly options: ClusterOptions,
    readonly network: TestNetwork,
    readonly postgres: HostedPostgres,
    readonly redis: HostedRedis,
  ) {}

  static async start(options: ClusterOptions): Promise<ScaleOutCluster> {
    const network = await createTestNetwork(options.network, {
      subnet: options.subnet,
      hosts: [
        { name: 'store', octet: 10 },
        { name: 'r1', octet: 11 },
        { name: 'r2', octet: 12 },
        { name: 'r3', octet: 13 },
        { name: 'lb', octet: 20 },
      ],
    })
    try {
      const store = network.host('store')
      const [postgres, redis] = await Promise.all([startPostgresIn(store), startRedisIn(store)])
      return new ScaleOutCluster(options, network, postgres, redis)
    } catch (error) {
      await network.destroy()
      throw error
    }
  }

  get replicaNames(): string[] {
    return this.options.backend === 'sqlite' ? ['r1'] : ['r1', 'r2', 'r3']
  }

  host(name: string): TestHost {
    return this.network.host(name)
  }

  replica(name: string): HostedServer {
    const replica = this.replicas.get(name)
    if (!replica) throw new Error(`replica ${name} is not running`)
    return replica
  }

  /** A new empty data directory for a replica. */
  freshDataDir(name: string): string {
    this.starts += 1
    const dir = join(this.dataRoot, `${name}-${this.starts}`)
    mkdirSync(dir)
    return dir
  }

  /** What a replica of this cluster is started with, on the given database and Redis. */
  replicaEnv(name: string, databaseUrl: string, redisUrl: string): Record<string, string> {
    return {
      REMBUK_EVENT_STORE: this.options.backend === 'postgres' ? 'postgres' : 'sqlite',
      ...(this.options.backend === 'postgres' ? { REMBUK_POSTGRES_URL: databaseUrl } : {}),
      REDIS_URL: redisUrl,
      REMBUK_REPLICA_ID: name,
      REMBUK_TOKEN_SECRET: tokenSecret,
      ...this.options.env,
    }
  }

  /**
   * Makes the workspace's database and starts the replicas, each on a fresh data directory, and the balancer
   * in front of them.
   */
  async startWorkspace(database: string): Promise<void> {
    this.databaseUrl = await this.postgres.createDatabase(database)
    this.storeAccess =
      this.options.backend === 'postgres'
        ? postgresAccess(this.databaseUrl)
        : sqliteAccess(() => this.sharedDataDir ?? this.replica('r1').dataDir)
    await Promise.all(this.replicaNames.map((name) => this.startReplica(name, true)))
    this.balancer = await startBalancerIn(
      this.host('lb'),
      this.replicaNames.map((name) => ({ host: this.host(name).address, port: replicaPort })),
      { port: balancerPort, connectTimeoutMs: 1_000 },
    )
  }

  /** Starts the replica on its host, on a fresh data directory or on the one it had. */
  async startReplica(name: string, fresh: boolean): Promise<HostedServer> {
    const previous = this.replicas.get(name)
    if (previous?.process.running) throw new Error(`replica ${name} is running`)
    if (this.options.backend === 'sqlite-shared') this.sharedDataDir ??= this.freshDataDir('shared')
    const dataDir = this.sharedDataDir ?? (fresh || !previous ? this.freshDataDir(name) : previous.dataDir)
    const replica = await startServerIn(this.host(name), {
      dataDir,
      port: replicaPort,
      env: this.replicaEnv(name, this.databaseUrl, this.redis.url),
    })
    this.replicas.set(name, replica)
    this.started.push(replica)
    return replica
  }

  /** Stops everything; with `keepData`, keeps the data directories and writes each replica's log there. */
  async destroy(keepData = false): Promise<void> {
    try {
      await this.network.destroy()
    } finally {
      if (keepData) {
        const logs = join(this.dataRoot, 'logs')
        mkdirSync(logs, { recursive: true })
        this.started.forEach((replica, i) => {
          const file = join(logs, `${i + 1}-${replica.host.name}-port${replica.port}.jsonl`)
          writeFileSync(file, replica.logs.map((entry) => JSON.stringify(entry)).join('\n'))
        })
      }
      if (!keepData) {
        rmSync(this.dataRoot, { recursive: true, force: true })
        this.postgres.removeData()
      }
    }
  }

  get dataDirectory(): string {
    return this.dataRoot
  }
}
