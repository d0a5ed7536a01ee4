import { type ChildProcess, fork } from 'node:child_process'
import { once } from 'node:events'
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const processes = 50
const rounds = 20

type Answer = { secret: string } | { error: string }

/** A process that makes the secret in the directory it is sent, and answers with what it read. */
const child = `
import { secretFromDataDir } from './token-secret.mjs'
process.on('message', (dir) => {
  try {
    process.send({ secret: secretFromDataDir(dir) })
  } catch (error) {
    process.send({ error: String(error) })
  }
})
process.send('ready')
`

describe('the token secret a server makes in its data directory', () => {
  const work = mkdtempSync(join(tmpdir(), 'rembuk-token-secret-'))
  const children: ChildProcess[] = []

  beforeAll(async () => {
    const source = readFileSync(new URL('./token-secret.ts', import.meta.url), 'utf8')
    const compiled = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    })
    writeFileSync(join(work, 'token-secret.mjs'), compiled.outputText)
    writeFileSync(join(work, 'child.mjs'), child)
    for (let i = 0; i < processes; i++) {
      const started = fork(join(work, 'child.mjs'), { stdio: 'ignore', serialization: 'json' })
      children.push(started)
    }
    await Promise.all(children.map((c) => once(c, 'message')))
  })
  afterAll(() => {
    for (const c of children) c.kill()
    rmSync(work, { recursive: true, force: true })
  })

  it(`is the same whole secret for ${processes} processes making it at once, ${rounds} times`, async () => {
    for (let round = 0; round < rounds; round++) {
      const dataDir = join(work, `data-${round}`)
      const answers = children.map((c) => once(c, 'message').then(([answer]) => answer as Answer))
      for (const c of children) c.send(dataDir)
      const secrets = new Set((await Promise.all(answers)).map((a) => ('secret' in a ? a.secret : a.error)))
      expect(secrets.size, `round ${round}: ${[...secrets].join(' | ')}`).toBe(1)
      const [secret] = secrets
      expect(secret).toMatch(/^[A-Za-z0-9_-]{64}$/)
      expect(readFileSync(join(dataDir, 'token-secret'), 'utf8')).toBe(secret)
      expect(readdirSync(dataDir)).toEqual(['token-secret'])
    }
  })
})
