import { BadRequestException, type PipeTransform } from '@nestjs/common'
import type { z } from 'zod'

/** Validates one request part (a param, the query, the body) at the boundary and hands on the parsed value. */
export class ZodPipe<Schema extends z.ZodType> implements PipeTransform<unknown, z.infer<Schema>> {
  constructor(private readonly schema: Schema) {}

  transform(value: unknown): z.infer<Schema> {
    const parsed = this.schema.safeParse(value)
    if (!parsed.success) {
      throw new BadRequestException({
        message: 'Invalid request',
        issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
      })
    }
    return parsed.data
  }
}
