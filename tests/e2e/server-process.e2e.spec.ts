import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type CollabClient, connectClient } from '../support/collab-clients.js'
import { type Session, setUpSchool } from '../support/school.js'
import { type ServerProcess, startServerProcess } from '../support/server-process.js'

interface History {
  entries: { revision: number; actorId: string }[]
}

let reader: Session

const authorized = () => ({ headers: { authorization: `Bearer ${reader.token}` } })

async function storedRevisions(server: ServerProcess, docId: string): Promise<number> {
  const response = await fetch(`${server.httpUrl}/api/docs/${docId}/history?limit=1000`, authorized())
  if (response.status === 404) return 0
  return ((await response.json()) as History).entries.length
}

async function storedText(server: ServerProcess, docId: string): Promise<unknown> {
  const response = await fetch(`${server.httpUrl}/api/docs/${docId}/state`, authorized())
  return ((await response.json()) as { content?: { catatan?: unknown } }).content?.catatan
}

describe('the built server as its own process', () => {
  let dataDir: string
  let server: ServerProcess | undefined
  const clients: CollabClient[] = []
  const people = new Map<string, Session>()
  let docId = ''
  /**
   * Starts the server; on a new data directory, also sets up a school with these teachers and a plan whose
   * document they write.
   */
  const start = async (env: Record<string, string> = {}, teachers: string[] = []) => {
    server = await startServerProcess(dataDir, env)
    if (people.size > 0) return server
    const school = await setUpSchool(server.httpUrl)
    reader = school.principal
    people.set('kepala-sekolah', school.principal)
    for (const name of teachers) people.set(name, await school.member('teacher', name))
    docId = (await school.plan('Rencana uji', [...people.values()])).docId
    return server
  }
  const connect = (docId: string, name: string) => {
    const session = people.get(name)
    if (!session) throw new Error(`${name} is not a member`)
    const client = connectClient((server as ServerProcess).collabUrl, docId, session.token)
    clients.push(client)
    return client
  }

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'rembuk-e2e-'))
    people.clear()
  })
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    await server?.kill()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('serves /health on the embedded store and keeps acknowledged edits through SIGKILL', async () => {
    server = await start({}, ['guru-matematika', 'guru-kimia'])
    const health = await (await fetch(`${server.httpUrl}/health`)).json()
    expect(health).toMatchObject({ status: 'ok', store: { kind: 'sqlite' } })
    for (const path of ['/', '/rencana/tape-ketan']) {
      const page = await fetch(`${server.httpUrl}${path}`)
      expect(page.headers.get('content-type')).toMatch(/text\/html/)
      expect(await page.text()).toMatch(/<title>Rembuk<\/title>[\s\S]*<div id="app">/)
    }
    expect((await fetch(`${server.httpUrl}/api/tidak-ada`)).status).toBe(404)

    const [math, chem] = [connect(docId, 'guru-matematika'), connect(docId, 'guru-kimia')]
    await Promise.all([math.synced(), chem.synced()])
    math.text.insert(0, 'Berat beras sebelum: 1000 g. ')
    chem.text.insert(0, 'Suhu hari ke-1: 31 C. ')
    await expect.poll(() => math.text.toString() === chem.text.toString() && math.text.length > 40).toBe(true)
    const expected = math.text.toString()
    await expect.poll(() => storedText(server as ServerProcess, docId)).toBe(expected)

    await server.kill()
    for (const client of clients.splice(0)) client.destroy()
    server = await start()

    const principal = connect(docId, 'kepala-sekolah')
    await principal.synced()
    expect(principal.text.toString()).toBe(expected)
    expect(await storedRevisions(server, docId)).toBeGreaterThanOrEqual(3)
  })

  it('stores what is pending when it is stopped with SIGTERM', async () => {
    server = await start({ REMBUK_FLUSH_MS: '10000' }, ['guru-a', 'guru-b'])
    const [writer, watcher] = [connect(docId, 'guru-a'), connect(docId, 'guru-b')]
    await Promise.all([writer.synced(), watcher.synced()])
    const created = await storedRevisions(server, docId)
    writer.text.insert(0, 'Siswa antusias saat mengukur suhu.')
    await expect.poll(() => watcher.text.toString()).toBe('Siswa antusias saat mengukur suhu.')
    expect(await storedRevisions(server, docId)).toBe(created)

    const stopping = server.stop()
    for (const client of clients.splice(0)) client.destroy()
    await stopping
    server = await start()
    expect(await storedText(server, docId)).toBe('Siswa antusias saat mengukur suhu.')
  })

  it('gets back, from the clients, edits a crash caught before their append', async () => {
    server = await start({ REMBUK_FLUSH_MS: '10000' }, ['bu-sari', 'pak-budi'])
    const port = server.port
    const [sari, budi] = [connect(docId, 'bu-sari'), connect(docId, 'pak-budi')]
    await Promise.all([sari.synced(), budi.synced()])
    const created = await storedRevisions(server, docId)
    sari.text.insert(0, 'Indikator: siswa menjelaskan peran ragi.')
    await expect.poll(() => budi.text.toString()).toBe('Indikator: siswa menjelaskan peran ragi.')

    await server.kill()
    server = await start({ PORT: String(port), REMBUK_FLUSH_MS: '3000' })
    expect(await storedRevisions(server, docId)).toBe(created)
    await expect
      .poll(() => storedRevisions(server as ServerProcess, docId), { timeout: 30_000 })
      .toBeGreaterThan(created)
    await expect
      .poll(() => storedText(server as ServerProcess, docId), { timeout: 30_000 })
      .toBe('Indikator: siswa menjelaskan peran ragi.')
  })
})
