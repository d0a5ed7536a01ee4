import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process'
import { chownSync, existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)
const debianRoot = '/usr/lib/postgresql'

/** The directory of `initdb` and `postgres`: `PG_BIN_DIR`, else that of Debian's newest installed version. */
export function postgresBinDir(env: Record<string, string | undefined> = process.env): string {
  const candidates = env.PG_BIN_DIR
    ? [env.PG_BIN_DIR]
    : (existsSync(debianRoot) ? readdirSync(debianRoot) : [])
        .filter((version) => /^\d+(\.\d+)?$/.test(version))
        .sort((a, b) => Number(b) - Number(a))
        .map((version) => join(debianRoot, version, 'bin'))
  const found = candidates.find((dir) => ['initdb', 'postgres'].every((b) => existsSync(join(dir, b))))
  if (!found) {
    throw new Error(
      `No PostgreSQL server binaries (initdb, postgres) in ${env.PG_BIN_DIR ?? `${debianRoot}/*/bin`}: ` +
        'install them with `apt-get install postgresql`, or set PG_BIN_DIR to their directory',
    )
  }
  return found
}

const runningAsRoot = process.getuid?.() === 0

/** PostgreSQL refuses to run as root: as root, its programs run as the `postgres` user. */
function commandLine(binDir: string, program: string, args: string[]): [string, string[]] {
  const command = join(binDir, program)
  return runningAsRoot ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args]
}

export async function runPostgresProgram(binDir: string, program: string, args: string[]): Promise<string> {
  const [file, argv] = commandLine(binDir, program, args)
  try {
    const { stdout } = await run(file, argv, { encoding: 'utf8' })
    return stdout
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string }
    throw new Error(`${program} failed: ${(stderr || stdout || (error as Error).message).trim()}`)
  }
}

/**
 * Starts a long-running program (the postmaster) as a child of this process, so that its end is seen (and
 * reaped) at once; its output goes to `logFd`.
 */
export function spawnPostgresProgram(
  binDir: string,
  program: string,
  args: string[],
  logFd: number,
): ChildProcess {
  const [file, argv] = commandLine(binDir, program, args)
  return spawn(file, argv, { stdio: ['ignore', logFd, logFd] })
}

/** Lets the server's user own a directory the test process made (as root, the `postgres` user). */
export function handToPostgresUser(dir: string): void {
  if (!runningAsRoot) return
  const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }).trim())
  chownSync(dir, id('-u'), id('-g'))
}
