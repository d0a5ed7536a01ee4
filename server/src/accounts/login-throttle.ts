import {
  HttpException,
  HttpStatus,
  Injectable,
  Logger,
  type OnApplicationShutdown,
  type OnModuleInit,
} from '@nestjs/common'
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  RLWrapperTimeouts,
} from 'rate-limiter-flexible'
import { createClient } from 'redis'
import { AppConfig } from '../config/app-config.js'

const addressShare = 10
/** How long a sign-in waits for Redis before this process counts on its own. */
const redisTimeoutMs = 1000
/** How long the start waits for Redis; the throttle counts in this process until it answers. */
const connectWaitMs = 2000
const warnEveryMs = 60_000
export const countingAloneMessage =
  'Redis does not answer: failed sign-ins are counted by this replica alone until it does'

type Client = ReturnType<typeof createClient>
type LimiterOptions = ConstructorParameters<typeof RateLimiterMemory>[0]

/** Thrown while sign-ins for an email or from an address wait: 429 with the seconds to wait. */
export class TooManyAttempts extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      `Too many failed sign-ins; try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s)`,
      HttpStatus.TOO_MANY_REQUESTS,
    )
  }
}

/** This process's own count, which stands in while Redis does not answer. */
class CountInThisProcess extends RateLimiterMemory {
  constructor(
    options: LimiterOptions,
    private readonly used: () => void,
  ) {
    super(options)
  }

  override consume(...args: Parameters<RateLimiterMemory['consume']>) {
    this.used()
    return super.consume(...args)
  }

  override reward(...args: Parameters<RateLimiterMemory['reward']>) {
    this.used()
    return super.reward(...args)
  }

  override delete(...args: Parameters<RateLimiterMemory['delete']>) {
    this.used()
    return super.delete(...args)
  }
}

/**
 * Counts failed sign-ins per email and per client address within a window (`rate-limiter-flexible`: in Redis
 * when `REDIS_URL` is set, so every replica shares one count, else in this process). Once either reaches its
 * limit, sign-ins for it wait until the window that began with its first failure ends, correct password or
 * not, so guessing costs time. An address allows ten times the failures of one email: a whole school often
 * shares one. A successful sign-in clears the email's count.
 *
 * `check` counts the attempt before the password is checked, and `succeeded` takes it back: attempts sent all
 * at once cannot all pass the check before any of them has failed.
 */
@Injectable()
export class LoginThrottle implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(LoginThrottle.name)
  private readonly client: Client | undefined
  private readonly byEmail: RateLimiterAbstract
  private readonly byAddress: RateLimiterAbstract
  private warnedAt: number | undefined

  constructor(config: AppConfig) {
    const rule = (name: string, points: number): LimiterOptions => ({
      keyPrefix: `rembuk:login-${name}`,
      points,
      duration: config.loginWindowSeconds,
    })
    const emailRule = rule('email', config.loginAttempts)
    const addressRule = rule('address', config.loginAttempts * addressShare)
    const url = config.redisUrl
    if (!url) {
      this.byEmail = new RateLimiterMemory(emailRule)
      this.byAddress = new RateLimiterMemory(addressRule)
      return
    }
    const client: Client = createClient({ url, disableOfflineQueue: true })
    client.on('error', (error: unknown) => this.countingAlone(error))
    client.on('ready', () => {
      if (this.warnedAt === undefined) return
      this.warnedAt = undefined
      this.logger.log('Redis answers again: failed sign-ins are counted across replicas')
    })
    const shared = (options: LimiterOptions) =>
      new RLWrapperTimeouts({
        timeoutMs: redisTimeoutMs,
        limiter: new RateLimiterRedis({
          ...options,
          storeClient: client,
          useRedisPackage: true,
          rejectIfRedisNotReady: true,
          insuranceLimiter: new CountInThisProcess(options, () => this.countingAlone()),
        }),
      })
    this.client = client
    this.byEmail = shared(emailRule)
    this.byAddress = shared(addressRule)
  }

  async onModuleInit(): Promise<void> {
    if (!this.client) return
    const connected = this.client.connect().then(
      () => undefined,
      () => undefined,
    )
    await Promise.race([connected, new Promise((resolve) => setTimeout(resolve, connectWaitMs).unref())])
  }

  onApplicationShutdown(): void {
    this.client?.destroy()
  }

  /** Counts this sign-in as failed until `succeeded`; TooManyAttempts when the email or address must wait. */
  async check(email: string, address: string): Promise<void> {
    const counts: [RateLimiterAbstract, string][] = [
      [this.byEmail, emailKey(email)],
      [this.byAddress, address],
    ]
    const outcomes = await Promise.allSettled(counts.map(([limiter, key]) => limiter.consume(key)))
    const waits = outcomes.flatMap((outcome) => (outcome.status === 'rejected' ? [outcome.reason] : []))
    if (waits.length === 0) return
    await Promise.all(counts.map(([limiter, key]) => limiter.reward(key)))
    const ms = Math.max(
      ...waits.map((reason) => {
        if (reason instanceof RateLimiterRes) return reason.msBeforeNext
        throw reason
      }),
    )
    throw new TooManyAttempts(Math.ceil(ms / 1000))
  }

  async succeeded(email: string, address: string): Promise<void> {
    await Promise.all([this.byEmail.delete(emailKey(email)), this.byAddress.reward(address)])
  }

  private countingAlone(error?: unknown): void {
    const now = Date.now()
    if (this.warnedAt !== undefined && now - this.warnedAt < warnEveryMs) return
    this.warnedAt = now
    if (error === undefined) this.logger.warn(countingAloneMessage)
    else this.logger.warn({ err: error }, countingAloneMessage)
  }
}

const emailKey = (email: string) => email.toLowerCase()
