import type { HostedRedis } from '../../support/netns/redis.js'
import { startRedisIn } from '../../support/netns/redis.js'
import { type HostedServer, startServerIn } from '../../support/netns/server.js'
import type { ScaleOutCluster } from './cluster.js'

/** The fresh workspaces' replicas listen here, beside the scenario's, with a Redis of their own. */
const freshPort = 3100
const freshRedisPort = 6380

export interface Answer {
  status: number
  body: string
}

async function postJson(httpUrl: string, path: string, body: unknown): Promise<Answer> {
  try {
    const response = await fetch(`${httpUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(15_000),
    })
    return { status: response.status, body: (await response.text()).slice(0, 300) }
  } catch (error) {
    return { status: 0, body: `no answer: ${(error as Error).message}` }
  }
}

const principal = (run: string) => ({
  schoolName: `SMA Negeri ${run} Contoh`,
  name: 'Bu Kepala',
  email: `kepala-${run}@sekolah.sch.id`,
  password: `kata-sandi-kepala-${run}`,
})

/**
 * Replicas of a workspace of its own: a fresh database on the cluster's PostgreSQL, fresh data directories,
 * a Redis of its own, on the hosts given.
 */
export class FreshWorkspaces {
  private redis: HostedRedis | undefined
  private made = 0

  constructor(private readonly cluster: ScaleOutCluster) {}

  /** Starts the replicas on `hosts` at once, each on a fresh data directory, on a new empty database. */
  async start(label: string, hosts: readonly string[]): Promise<PromiseSettledResult<HostedServer>[]> {
    this.redis ??= await startRedisIn(this.cluster.host('store'), freshRedisPort)
    const redis = this.redis
    this.made += 1
    const databaseUrl = await this.cluster.postgres.createDatabase(`fresh_${label}_${this.made}`)
    return Promise.allSettled(
      hosts.map((name) =>
        startServerIn(this.cluster.host(name), {
          dataDir: this.cluster.freshDataDir(`fresh-${name}`),
          port: freshPort,
          env: this.cluster.replicaEnv(name, databaseUrl, redis.url),
        }),
      ),
    )
  }

  async started(label: string, hosts: readonly string[]): Promise<HostedServer[]> {
    const settled = await this.start(label, hosts)
    const failed = settled.flatMap((outcome) =>
      outcome.status === 'rejected' ? [outcome.reason as Error] : [],
    )
    const servers = settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []))
    if (failed.length > 0) {
      await stopAll(servers)
      throw failed[0]
    }
    return servers
  }

  async close(): Promise<void> {
    await this.redis?.kill()
    this.redis = undefined
  }
}

/** The replicas of a fresh workspace are thrown away with it: SIGKILL is enough. */
async function stopAll(servers: readonly HostedServer[]): Promise<void> {
  await Promise.all(servers.map((server) => server.kill()))
}

export interface SetupThenLogin {
  runs: number
  /** The sign-in's status on r2 in each run, right after the setup on r1 answered. */
  loginStatuses: number[]
  problems: string[]
}

/**
 * `POST /api/setup` on r1, then at once `POST /api/auth/login` with the same credentials on r2; `runs` times,
 * each on a workspace of its own.
 */
export async function setupThenLoginElsewhere(fresh: FreshWorkspaces, runs: number): Promise<SetupThenLogin> {
  const loginStatuses: number[] = []
  const problems: string[] = []
  for (let run = 1; run <= runs; run++) {
    const [r1, r2] = (await fresh.started('login', ['r1', 'r2'])) as [HostedServer, HostedServer]
    try {
      const credentials = principal(`${run}`)
      const setup = await postJson(r1.httpUrl, '/api/setup', credentials)
      if (setup.status !== 201)
        problems.push(`run ${run}: setup on r1 answered ${setup.status}: ${setup.body}`)
      const login = await postJson(r2.httpUrl, '/api/auth/login', {
        email: credentials.email,
        password: credentials.password,
      })
      loginStatuses.push(login.status)
      if (login.status !== 200)
        problems.push(`run ${run}: sign-in on r2 answered ${login.status}: ${login.body}`)
    } finally {
      await stopAll([r1, r2])
    }
  }
  return { runs, loginStatuses, problems }
}

export interface SetupRace {
  races: number
  /** The two setups' statuses in each race, r1's first. */
  statuses: [number, number][]
  problems: string[]
}

/** Two `POST /api/setup` at once, on r1 and on r2, for two different principals: one 201, the other 409. */
export async function simultaneousSetups(fresh: FreshWorkspaces, races: number): Promise<SetupRace> {
  const statuses: [number, number][] = []
  const problems: string[] = []
  for (let race = 1; race <= races; race++) {
    const [r1, r2] = (await fresh.started('race', ['r1', 'r2'])) as [HostedServer, HostedServer]
    try {
      const [a, b] = await Promise.all([
        postJson(r1.httpUrl, '/api/setup', principal(`${race}a`)),
        postJson(r2.httpUrl, '/api/setup', principal(`${race}b`)),
      ])
      statuses.push([a.status, b.status])
      if ([a.status, b.status].sort().join() !== '201,409') {
        problems.push(`race ${race}: setups answered ${a.status} (${a.body}) and ${b.status} (${b.body})`)
      }
    } finally {
      await stopAll([r1, r2])
    }
  }
  return { races, statuses, problems }
}

export interface ColdStart {
  /** Whether each of r1, r2, r3 started listening. */
  listening: boolean[]
  /** Each replica's answer to a sign-in on the empty workspace (nobody to sign in as). */
  emptySignIn: number[]
  /** Each replica's answer to the principal's sign-in once r1 has set the workspace up. */
  signInAfterSetup: number[]
  problems: string[]
}

/** Three replicas cold-started at once on fresh data directories and a new database, to answer sign-in. */
export async function coldStartTrio(fresh: FreshWorkspaces): Promise<ColdStart> {
  const problems: string[] = []
  const names = ['r1', 'r2', 'r3']
  const settled = await fresh.start('cold', names)
  const servers = settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []))
  try {
    const listening = settled.map((outcome) => outcome.status === 'fulfilled')
    settled.forEach((outcome, i) => {
      if (outcome.status === 'rejected') {
        problems.push(`${names[i]} did not start: ${(outcome.reason as Error).message.slice(0, 1_000)}`)
      }
    })
    const credentials = principal('cold')
    const signIn = { email: credentials.email, password: credentials.password }
    const emptySignIn = await Promise.all(
      servers.map(async (server) => (await postJson(server.httpUrl, '/api/auth/login', signIn)).status),
    )
    emptySignIn.forEach((status, i) => {
      if (status === 0 || status >= 500) problems.push(`${servers[i]?.host.name}: sign-in answered ${status}`)
    })
    const signInAfterSetup: number[] = []
    const first = servers[0]
    if (first) {
      const setup = await postJson(first.httpUrl, '/api/setup', credentials)
      if (setup.status !== 201)
        problems.push(`setup on ${first.host.name} answered ${setup.status}: ${setup.body}`)
      for (const server of servers) {
        const answer = await postJson(server.httpUrl, '/api/auth/login', signIn)
        signInAfterSetup.push(answer.status)
        if (answer.status !== 200) {
          problems.push(
            `${server.host.name}: sign-in after the setup answered ${answer.status}: ${answer.body}`,
          )
        }
      }
    }
    return { listening, emptySignIn, signInAfterSetup, problems }
  } finally {
    await stopAll(servers)
  }
}
