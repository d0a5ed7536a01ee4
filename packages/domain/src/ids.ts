import { z } from 'zod'

/** The schema of an id made by the server (`prefix_random`) or by a client: 1-64 URL-safe characters. */
export const idSchemaOf = (what: string) =>
  z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, `${what} is 1-64 letters, digits, "-" or "_"`)
