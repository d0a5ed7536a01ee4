/**
 * Counts connection attempts that closed before ever opening. The server refuses the handshake of an expired
 * or withdrawn session (401), which the browser reports only as a closed socket; after a few in a row the
 * session is checked over HTTP, where a 401 signs out instead of retrying for ever.
 */
export class FailedHandshakes {
  private failures = 0
  private opened = false

  constructor(
    private readonly checkSession: () => void,
    private readonly limit = 3,
  ) {}

  connected(): void {
    this.opened = true
    this.failures = 0
  }

  closed(): void {
    if (this.opened) {
      this.opened = false
      return
    }
    this.failures += 1
    if (this.failures === this.limit) this.checkSession()
  }
}
