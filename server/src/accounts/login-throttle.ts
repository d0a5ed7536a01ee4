import { HttpException, HttpStatus, Injectable } from '@nestjs/common'
import { AppConfig } from '../config/app-config.js'

const addressShare = 10

/** Thrown while sign-ins for an email or from an address wait: 429 with the seconds to wait. */
export class TooManyAttempts extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      `Too many failed sign-ins; try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s)`,
      HttpStatus.TOO_MANY_REQUESTS,
    )
  }
}

/**
 * Counts failed sign-ins per email and per client address in a sliding window. Once either reaches its limit,
 * sign-ins for it wait until the oldest failure leaves the window, correct password or not, so guessing
 * costs time. An address allows ten times the failures of one email: a whole school often shares one.
 * A successful sign-in clears the email's count.
 */
@Injectable()
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>()

  constructor(private readonly config: AppConfig) {}

  /** Throws TooManyAttempts when this email or address must wait. */
  check(email: string, address: string, now = Date.now()): void {
    const limit = this.config.loginAttempts
    const wait = Math.max(
      this.waitFor(`email:${email.toLowerCase()}`, limit, now),
      this.waitFor(`ip:${address}`, limit * addressShare, now),
    )
    if (wait > 0) throw new TooManyAttempts(Math.ceil(wait / 1000))
  }

  failed(email: string, address: string, now = Date.now()): void {
    for (const key of [`email:${email.toLowerCase()}`, `ip:${address}`]) {
      this.failures.set(key, [...this.recent(key, now), now])
    }
  }

  succeeded(email: string): void {
    this.failures.delete(`email:${email.toLowerCase()}`)
  }

  private recent(key: string, now: number): number[] {
    const since = now - this.config.loginWindowSeconds * 1000
    const kept = (this.failures.get(key) ?? []).filter((at) => at > since)
    if (kept.length === 0) this.failures.delete(key)
    return kept
  }

  private waitFor(key: string, limit: number, now: number): number {
    const recent = this.recent(key, now)
    if (recent.length < limit) return 0
    const oldest = recent[recent.length - limit] as number
    return oldest + this.config.loginWindowSeconds * 1000 - now
  }
}
