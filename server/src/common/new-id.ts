import { randomBytes } from 'node:crypto'

/** A new id: the kind's prefix and 72 random bits, URL-safe (`pk_1Qv...`). */
export const newId = (prefix: string): string => `${prefix}_${randomBytes(9).toString('base64url')}`
