import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common'
import { CommandRefused, InvalidEventError } from '@rembuk/domain'
import type { Response } from 'express'

const statusOf = { invalid: 400, forbidden: 403, not_found: 404, conflict: 409 } as const

/** A refused command answers with its status and its reason; nothing was appended. */
@Catch(CommandRefused, InvalidEventError)
export class CommandRefusedFilter implements ExceptionFilter {
  catch(error: CommandRefused | InvalidEventError, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>()
    const status = error instanceof CommandRefused ? statusOf[error.code] : 400
    response.status(status).json({ statusCode: status, message: error.message })
  }
}
