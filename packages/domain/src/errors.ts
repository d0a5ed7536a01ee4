/** Why a command was refused; each maps to one HTTP status and one socket error. */
export type RefusalCode = 'invalid' | 'forbidden' | 'not_found' | 'conflict'

/** A command that the rules refuse. Its message is meant for the person who sent it. */
export class CommandRefused extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message)
    this.name = 'CommandRefused'
  }
}
