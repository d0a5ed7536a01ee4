import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type CollabClient, connectClient } from '../support/collab-clients.js'
import { getAs, type Session, setUpSchool } from '../support/school.js'
import { repoRoot, type ServerProcess, startServerProcess } from '../support/server-process.js'

const run = promisify(execFile)

/** Runs one of the server's commands (server/dist/cli) as an operator would, on this data directory. */
async function command(name: string, dataDir: string, ...args: string[]) {
  const { stdout } = await run(process.execPath, [join(repoRoot, 'server/dist/cli', `${name}.js`), ...args], {
    env: { ...process.env, REMBUK_DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  })
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}')
}

interface State {
  revision: number
  content: { catatan?: string }
}

describe('a backup taken while the server runs, restored elsewhere', () => {
  const work = mkdtempSync(join(tmpdir(), 'rembuk-backup-'))
  const [live, restored, backupDir] = ['live', 'restored', 'backup'].map((name) => join(work, name)) as [
    string,
    string,
    string,
  ]
  let original: ServerProcess
  let copy: ServerProcess | undefined
  let principal: Session
  let docId: string
  const clients: CollabClient[] = []

  beforeAll(async () => {
    original = await startServerProcess(live)
    const school = await setUpSchool(original.httpUrl)
    principal = school.principal
    const team = [await school.member('teacher', 'Bu Sari'), await school.member('teacher', 'Pak Budi')]
    docId = (await school.plan('Tape ketan', team)).docId
    for (const member of team) clients.push(connectClient(original.collabUrl, docId, member.token))
    await Promise.all(clients.map((client) => client.synced()))
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await original?.kill()
    await copy?.kill()
    rmSync(work, { recursive: true, force: true })
  })

  it('holds a consistent state that the restored server replays, with the sessions still valid', async () => {
    let typed = 0
    const typing = setInterval(() => {
      const client = clients[typed % clients.length] as CollabClient
      client.text.insert(client.text.length, `[${typed++}]`)
    }, 10)
    await expect.poll(() => typed, { timeout: 20_000 }).toBeGreaterThan(100)
    const manifest = await command('backup', live, backupDir)
    const typedAtBackup = typed
    await expect.poll(() => typed, { timeout: 20_000 }).toBeGreaterThan(typedAtBackup + 100)
    clearInterval(typing)
    expect(manifest).toMatchObject({ events: expect.any(Number), tokenSecret: true })
    expect(manifest.headPosition).toBeGreaterThan(0)

    const restoredFrom = await command('restore', restored, backupDir)
    expect(restoredFrom).toMatchObject({ into: restored, headPosition: manifest.headPosition })
    expect(restoredFrom.setAside).toBeUndefined()
    copy = await startServerProcess(restored)
    const health = (await (await fetch(`${copy.httpUrl}/health`)).json()) as { store: { position: number } }
    expect(health.store.position).toBe(manifest.headPosition)

    const atCopy = (await getAs<State>(copy.httpUrl, `/api/docs/${docId}/state`, principal)).body
    const atOriginal = await getAs<State>(
      original.httpUrl,
      `/api/docs/${docId}/state?revision=${atCopy.revision}`,
      principal,
    )
    expect(atCopy.content.catatan).toMatch(/^(\[\d+\])+$/)
    expect(atOriginal.body.content).toEqual(atCopy.content)
    const plans = async (server: ServerProcess) => (await getAs(server.httpUrl, '/api/plans', principal)).body
    expect(await plans(copy)).toEqual(await plans(original))
  })

  it('sets aside, and never deletes, what a second restore replaces', async () => {
    await copy?.stop()
    const again = await command('restore', restored, backupDir)
    expect(again.setAside).toMatch(/before-restore-/)
    expect(existsSync(join(again.setAside, 'rembuk.db'))).toBe(true)
    expect(existsSync(join(again.setAside, 'read-models.db'))).toBe(true)
    await expect(command('backup', live, backupDir)).rejects.toThrow(/not empty/)
  })
})
