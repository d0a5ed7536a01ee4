import { randomBytes } from 'node:crypto'
import {
  closeSync,
  existsSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  writeSync,
} from 'node:fs'
import { join } from 'node:path'

/**
 * The secret kept in `dataDir/token-secret`, made on first use. It is written whole to a file of its own and
 * then linked to that name, which fails when another process linked its own first: whoever reads the file
 * reads a complete secret, the same for all.
 */
export function secretFromDataDir(dataDir: string): string {
  const file = join(dataDir, 'token-secret')
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true })
    const draft = join(dataDir, `.token-secret-${process.pid}-${randomBytes(8).toString('hex')}`)
    try {
      const fd = openSync(draft, 'wx', 0o600)
      try {
        writeSync(fd, randomBytes(48).toString('base64url'))
        fsyncSync(fd)
      } finally {
        closeSync(fd)
      }
      linkSync(draft, file)
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    } finally {
      rmSync(draft, { force: true })
    }
  }
  const secret = readFileSync(file, 'utf8').trim()
  if (!secret)
    throw new Error(`${file} is empty: remove it to have a new one made, or set REMBUK_TOKEN_SECRET`)
  return secret
}
