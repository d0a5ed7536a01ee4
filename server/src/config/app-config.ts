import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  REMBUK_DATA_DIR: z.string().min(1).default('./data'),
  REMBUK_EVENT_STORE: z.enum(['sqlite', 'kurrentdb', 'postgres']).default('sqlite'),
  KURRENTDB_CONNECTION_STRING: z.string().optional(),
  REMBUK_POSTGRES_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  REMBUK_FLUSH_MS: z.coerce.number().int().min(0).max(10_000).default(50),
  REMBUK_SNAPSHOT_EVERY: z.coerce.number().int().min(1).max(1_000_000_000).default(200),
  REMBUK_MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(256 * 1024 * 1024)
    .default(16 * 1024 * 1024),
  REMBUK_MAX_DOC_BYTES: z.coerce
    .number()
    .int()
    .min(1024)
    .max(4 * 1024 * 1024 * 1024)
    .default(64 * 1024 * 1024),
  REMBUK_MAX_CONNECTIONS_PER_MEMBER: z.coerce.number().int().min(1).max(100_000).default(20),
  REMBUK_MAX_MESSAGES_PER_SECOND: z.coerce.number().int().min(1).max(1_000_000).default(100),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  REMBUK_REPLICA_ID: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits and dashes, at most 40')
    .optional(),
  REMBUK_TRUST_PROXY: z.string().min(1).default('loopback'),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  REMBUK_CLIENT_DIR: z.string().min(1).optional(),
  REMBUK_TOKEN_SECRET: z.string().min(32, 'REMBUK_TOKEN_SECRET needs at least 32 characters').optional(),
  REMBUK_TOKEN_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .max(30 * 24 * 3600)
    .default(12 * 3600),
  REMBUK_LOGIN_ATTEMPTS: z.coerce.number().int().min(1).max(1000).default(5),
  REMBUK_LOGIN_WINDOW_SECONDS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 3600)
    .default(15 * 60),
})

/** Replicas must sign sessions with one secret: a file each makes in its own data directory would differ. */
function requireSharedTokenSecret(e: z.infer<typeof environmentSchema>, context: z.RefinementCtx): void {
  const replicated = hasOtherWriters({ redisUrl: e.REDIS_URL, eventStore: e.REMBUK_EVENT_STORE })
  if (!replicated || e.REMBUK_TOKEN_SECRET !== undefined) return
  context.addIssue({
    code: 'custom',
    path: ['REMBUK_TOKEN_SECRET'],
    message:
      'required with REDIS_URL or a REMBUK_EVENT_STORE other than sqlite (several replicas): ' +
      'give every replica the same one, made with `openssl rand -base64 48`',
  })
}

function requirePostgresUrl(e: z.infer<typeof environmentSchema>, context: z.RefinementCtx): void {
  if (e.REMBUK_EVENT_STORE !== 'postgres' || e.REMBUK_POSTGRES_URL !== undefined) return
  context.addIssue({
    code: 'custom',
    path: ['REMBUK_POSTGRES_URL'],
    message:
      'required with REMBUK_EVENT_STORE=postgres, e.g. postgres://rembuk:secret@db.example:5432/rembuk',
  })
}

const builtClientDir = fileURLToPath(new URL('../../../client/dist', import.meta.url))

/** Everything the server reads from its environment, checked once at start. */
export abstract class AppConfig {
  abstract readonly port: number
  abstract readonly host: string
  /** Absolute path of the directory that holds the embedded store. */
  abstract readonly dataDir: string
  abstract readonly eventStore: 'sqlite' | 'kurrentdb' | 'postgres'
  abstract readonly kurrentDbConnectionString: string | undefined
  /** The database of the PostgreSQL event store (`postgres://` or `postgresql://`), when it is the store. */
  abstract readonly postgresUrl?: string
  /** The longest a received document update waits before its durable append. */
  abstract readonly flushMs: number
  /** A document snapshot is taken once this many events have been stored since the last one. */
  abstract readonly snapshotEvery: number
  /** The largest y-websocket frame (and so the largest single update) a client may send. */
  abstract readonly maxMessageBytes: number
  /** The largest a live document may grow (its state at load plus every update since); beyond, edits are refused. */
  abstract readonly maxDocBytes: number
  /** Collaboration connections one member may hold at once (tabs, devices). */
  abstract readonly maxConnectionsPerMember: number
  /** Messages one connection (collaboration or socket.io) may send a second, in bursts of up to as many. */
  abstract readonly maxMessagesPerSecond: number
  /** Redis for socket.io rooms across replicas; unset on a single server. */
  abstract readonly redisUrl: string | undefined
  /** Names this replica's own files in a data directory that several replicas share (its read models). */
  abstract readonly replicaId: string | undefined
  /** Which proxies' X-Forwarded-For names the client (Express `trust proxy`): the local nginx by default. */
  abstract readonly trustProxy: string
  abstract readonly logLevel: (typeof logLevels)[number]
  /** The built web client to serve at `/`; the server runs API-only when the directory does not exist. */
  abstract readonly clientDir: string
  /** Signs session tokens; required with replicas, which all need the same. Else made once under dataDir. */
  abstract readonly tokenSecret: string | undefined
  abstract readonly tokenTtlSeconds: number
  /** Failed sign-ins allowed per email and per address within the window before further tries wait. */
  abstract readonly loginAttempts: number
  abstract readonly loginWindowSeconds: number
}

export type AppConfigValues = { -readonly [K in keyof AppConfig]: AppConfig[K] }

export class InvalidConfigError extends Error {
  constructor(issues: string[]) {
    super(`Invalid configuration:\n  ${issues.join('\n  ')}`)
    this.name = 'InvalidConfigError'
  }
}

export function configFromEnvironment(env: Record<string, string | undefined>): AppConfigValues {
  const parsed = environmentSchema
    .superRefine(requireSharedTokenSecret)
    .superRefine(requirePostgresUrl)
    .safeParse(env)
  if (!parsed.success) {
    throw new InvalidConfigError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`))
  }
  const e = parsed.data
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: resolve(e.REMBUK_DATA_DIR),
    eventStore: e.REMBUK_EVENT_STORE,
    kurrentDbConnectionString: e.KURRENTDB_CONNECTION_STRING,
    postgresUrl: e.REMBUK_POSTGRES_URL,
    flushMs: e.REMBUK_FLUSH_MS,
    snapshotEvery: e.REMBUK_SNAPSHOT_EVERY,
    maxMessageBytes: e.REMBUK_MAX_MESSAGE_BYTES,
    maxDocBytes: e.REMBUK_MAX_DOC_BYTES,
    maxConnectionsPerMember: e.REMBUK_MAX_CONNECTIONS_PER_MEMBER,
    maxMessagesPerSecond: e.REMBUK_MAX_MESSAGES_PER_SECOND,
    redisUrl: e.REDIS_URL,
    replicaId: e.REMBUK_REPLICA_ID,
    trustProxy: e.REMBUK_TRUST_PROXY,
    logLevel: e.LOG_LEVEL,
    clientDir: e.REMBUK_CLIENT_DIR ? resolve(e.REMBUK_CLIENT_DIR) : builtClientDir,
    tokenSecret: e.REMBUK_TOKEN_SECRET,
    tokenTtlSeconds: e.REMBUK_TOKEN_TTL_SECONDS,
    loginAttempts: e.REMBUK_LOGIN_ATTEMPTS,
    loginWindowSeconds: e.REMBUK_LOGIN_WINDOW_SECONDS,
  }
}

/** Whether other processes may write to the same event store: replicas, told apart by Redis or a networked store. */
export function hasOtherWriters(config: Pick<AppConfig, 'redisUrl' | 'eventStore'>): boolean {
  return config.redisUrl !== undefined || config.eventStore !== 'sqlite'
}
