import { Inject, Injectable, type NestMiddleware } from '@nestjs/common'
import type { EventStore } from '@rembuk/event-store'
import { AppConfig, hasOtherWriters } from '../config/app-config.js'
import { EVENT_STORE } from '../store/store.module.js'
import { catchUpFollowers } from './log-followers.js'

/**
 * Every read on this replica reflects every write the store had committed when the request came in, whichever
 * replica made it: before a request is handled, every read model here is brought up to the store's head. A
 * single server is its store's only writer, and each command already waits for its own read model.
 */
@Injectable()
export class FreshReads {
  private readonly enabled: boolean
  private reached = 0n
  private running: { head: bigint; done: Promise<void> } | undefined

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    config: AppConfig,
  ) {
    this.enabled = hasOtherWriters(config)
  }

  async reachHead(): Promise<void> {
    if (!this.enabled) return
    const head = await this.store.headPosition()
    while (this.reached < head) {
      const running = this.running
      if (running && running.head >= head) {
        await running.done
        return
      }
      if (running) {
        await running.done.catch(() => undefined)
        continue
      }
      const done = catchUpFollowers(this.store, head).then(() => {
        if (head > this.reached) this.reached = head
      })
      this.running = { head, done }
      try {
        await done
      } finally {
        if (this.running?.done === done) this.running = undefined
      }
    }
  }
}

/** Brings the read models up to the store's head before every HTTP request is handled. */
@Injectable()
export class FreshReadsMiddleware implements NestMiddleware {
  constructor(private readonly fresh: FreshReads) {}

  use(_request: unknown, _response: unknown, next: (error?: unknown) => void): void {
    this.fresh.reachHead().then(() => next(), next)
  }
}
