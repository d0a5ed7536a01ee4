import { closeSync, fdatasync, openSync } from 'node:fs'

/**
 * Makes committed transactions durable without blocking the event loop. The database runs with
 * `synchronous = NORMAL`, so a commit only writes the write-ahead log to the page cache; this flushes the log
 * file to disk on libuv's thread pool (`fdatasync`), and `durable(n)` resolves once commit `n` is on disk.
 * One flush covers every commit made before it starts, so commits that come while a flush runs share the next.
 */
export class WalSync {
  private fd: number | undefined
  private committed = 0
  private synced = 0
  private flushing: Promise<void> | undefined
  private failure: Error | undefined

  constructor(private readonly walFile: string | undefined) {}

  /** Counts a commit; answers its number for `durable`. */
  commit(): number {
    this.committed += 1
    return this.committed
  }

  /** Resolves when commit `n` is on disk; rejects, for good, once a flush has failed. */
  async durable(n: number): Promise<void> {
    while (this.synced < n) {
      if (this.failure) throw this.failure
      this.flushing ??= this.flush()
      await this.flushing
    }
    if (this.failure) throw this.failure
  }

  /** Waits for the flush under way, then lets go of the file. */
  async close(): Promise<void> {
    await this.flushing
    if (this.fd !== undefined) closeSync(this.fd)
    this.fd = undefined
  }

  private async flush(): Promise<void> {
    const target = this.committed
    try {
      if (this.walFile) {
        this.fd ??= openSync(this.walFile, 'r')
        const fd = this.fd
        await new Promise<void>((resolve, reject) =>
          fdatasync(fd, (error) => (error ? reject(error) : resolve())),
        )
      }
      this.synced = Math.max(this.synced, target)
    } catch (error) {
      // After a failed fsync the kernel may have dropped the pages: nothing more can be promised durable.
      this.failure = new Error(`The event log could not be written to disk: ${String(error)}`)
    } finally {
      this.flushing = undefined
    }
  }
}
