import { execFile } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { SqliteEventStore } from '@rembuk/event-store'
import Database from 'better-sqlite3'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { type CollabClient, connectClient } from '../support/collab-clients.js'
import { getAs, post, type Session, setUpSchool, type TestPlan } from '../support/school.js'
import { repoRoot, type ServerProcess, startServerProcess } from '../support/server-process.js'

const run = promisify(execFile)
const sqlite = { REMBUK_EVENT_STORE: 'sqlite' }
const kurrentDb = process.env.KURRENTDB_CONNECTION_STRING

/** Runs one of the server's commands as an operator would; its last line is its JSON summary. */
async function command(name: string, env: Record<string, string>, ...args: string[]) {
  const script = join(repoRoot, 'server/dist/cli', `${name}.js`)
  const { stdout } = await run(process.execPath, [script, ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
  })
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}')
}

/** Every event of an embedded store, as the log holds it, in log order. */
async function eventsOf(dataDir: string) {
  const store = SqliteEventStore.open(join(dataDir, 'rembuk.db'))
  const events = []
  try {
    for await (const { position: _, payload, ...event } of store.readAll()) {
      events.push({ ...event, payload: payload && Buffer.from(payload).toString('hex') })
    }
  } finally {
    await store.close()
  }
  return events
}

/** The tables beside the log: password hashes, invitations, snapshots. */
function sideTablesOf(dataDir: string) {
  const db = new Database(join(dataDir, 'rembuk.db'), { readonly: true })
  try {
    return {
      credentials: db
        .prepare('SELECT member_id, school_id, email, password_hash FROM credentials ORDER BY 1')
        .all(),
      invitations: db
        .prepare('SELECT code_hash, member_id, email, expires FROM invitations ORDER BY 1')
        .all(),
      snapshots: db.prepare('SELECT key, revision, hex(state) AS state FROM snapshots ORDER BY 1, 2').all(),
    }
  } finally {
    db.close()
  }
}

type Line = { kind: string; streamId?: string; created?: string; position?: string }

/** The events of an export file by stream, without what a store gives each event itself. */
function exportedStreams(file: string, only?: Set<string>) {
  const streams = new Map<string, unknown[]>()
  for (const text of readFileSync(file, 'utf8').trim().split('\n')) {
    const { kind, streamId, created: _, position: __, ...event } = JSON.parse(text) as Line
    if (kind !== 'event' || !streamId || (only && !only.has(streamId))) continue
    streams.set(streamId, [...(streams.get(streamId) ?? []), event])
  }
  return streams
}

interface Served {
  plans: { id: string; updated?: string }[]
  maps: { id: string; updated?: string }[]
  docs: { content: unknown; revision: number }[]
  history: { entries: { time: string }[] }[]
}

describe('moving a school: export-log from one store, import-log into another', () => {
  const work = mkdtempSync(join(tmpdir(), 'rembuk-transfer-'))
  const [source, copy, other, damaged] = ['source', 'copy', 'other', 'damaged'].map((n) => join(work, n)) as [
    string,
    string,
    string,
    string,
  ]
  const exportFile = join(work, 'school.ndjson')
  const servers: ServerProcess[] = []
  const clients: CollabClient[] = []
  let principal: Session
  let plan: TestPlan
  let mapDocId: string
  let pendingCode: string
  let exported: Record<string, unknown> & { events: number; sha256: string }
  let original: ServerProcess | undefined

  /** The server of the store the school moved from, started again once it has been exported. */
  async function originalServer(): Promise<ServerProcess> {
    if (!original) {
      original = await startServerProcess(source, sqlite)
      servers.push(original)
    }
    return original
  }

  /** What a server answers the principal about the school: plans, maps, each document and its history. */
  async function served(server: ServerProcess, session: Session): Promise<Served> {
    const get = async <T>(path: string) => {
      const { status, body } = await getAs<T>(server.httpUrl, path, session)
      expect(status, path).toBe(200)
      return body
    }
    const docIds = [plan.docId, mapDocId]
    return {
      plans: await get('/api/plans'),
      maps: await get('/api/maps'),
      docs: await Promise.all(docIds.map((docId) => get<Served['docs'][number]>(`/api/docs/${docId}/state`))),
      history: await Promise.all(
        docIds.map((docId) => get<Served['history'][number]>(`/api/docs/${docId}/history?limit=1000`)),
      ),
    }
  }

  beforeAll(async () => {
    const first = await startServerProcess(source, { ...sqlite, REMBUK_SNAPSHOT_EVERY: '10' })
    servers.push(first)
    const school = await setUpSchool(first.httpUrl)
    principal = school.principal
    const team = [await school.member('teacher', 'Bu Sari'), await school.member('teacher', 'Pak Budi')]
    plan = await school.plan('Tape ketan', team)
    const map = await post<{ docId: string }>(
      first.httpUrl,
      '/api/maps',
      { title: 'Peta tape ketan', team: team.map((member) => member.user.memberId) },
      principal.token,
    )
    mapDocId = map.docId
    const invited = await post<{ invitation: { code: string } }>(
      first.httpUrl,
      '/api/members',
      { name: 'Bu Wati', email: 'wati@sekolah.sch.id', role: 'teacher' },
      principal.token,
    )
    pendingCode = invited.invitation.code
    for (const member of team) clients.push(connectClient(first.collabUrl, plan.docId, member.token))
    await Promise.all(clients.map((client) => client.synced()))
    let typed = 0
    for (let i = 0; i < 200; i++) {
      const client = clients[i % clients.length] as CollabClient
      client.text.insert(client.text.length, `[${i}]`)
      typed += `[${i}]`.length
      // Pauses longer than REMBUK_FLUSH_MS, so that the typing is stored as many events.
      if (i % 5 === 4) await new Promise((resolve) => setTimeout(resolve, 80))
    }
    await vi.waitFor(
      () => {
        const texts = new Set(clients.map((client) => client.text.toString()))
        if (texts.size > 1 || [...texts][0]?.length !== typed) throw new Error('typing still arriving')
      },
      { timeout: 30_000, interval: 50 },
    )
    for (const client of clients.splice(0)) client.destroy()
    await first.stop()
  })
  afterAll(async () => {
    for (const client of clients) client.destroy()
    await Promise.all(servers.map((server) => server.stop()))
    rmSync(work, { recursive: true, force: true })
  })

  it('carries every event of every stream in log order, payload bytes and times included, with the password hashes, invitations and snapshots', async () => {
    exported = await command('export-log', { ...sqlite, REMBUK_DATA_DIR: source }, exportFile)
    const side = sideTablesOf(source)
    expect(exported).toMatchObject({
      from: 'sqlite',
      credentials: 3,
      invitations: 1,
      snapshots: side.snapshots.length,
      tokenSecret: true,
    })
    expect(side.snapshots.length).toBeGreaterThan(0)
    expect(exported.events).toBeGreaterThan(40)

    const imported = await command('import-log', { ...sqlite, REMBUK_DATA_DIR: copy }, exportFile)
    expect(imported).toMatchObject({
      into: 'sqlite',
      events: exported.events,
      appended: exported.events,
      skipped: 0,
      sha256: exported.sha256,
      createdKept: true,
    })
    const [before, after] = [await eventsOf(source), await eventsOf(copy)]
    expect(before).toHaveLength(exported.events)
    expect(before.filter((event) => event.payload).length).toBeGreaterThan(30)
    expect(after).toEqual(before)
    expect(sideTablesOf(copy)).toEqual(side)
  })

  it('runs again, appending only what an interrupted import left out, and refuses a damaged file or a target holding other events', async () => {
    const again = await command('import-log', { ...sqlite, REMBUK_DATA_DIR: copy }, exportFile)
    expect(again).toMatchObject({ appended: 0, skipped: exported.events })

    const resume = join(work, 'resume')
    await command('import-log', { ...sqlite, REMBUK_DATA_DIR: resume }, exportFile)
    const cut = new Database(join(resume, 'rembuk.db'))
    cut.prepare('DELETE FROM events WHERE position > (SELECT max(position) - 25 FROM events)').run()
    // An import stopped between an append and putting back its times.
    cut.prepare('UPDATE events SET created = 0 WHERE position <= 10').run()
    cut.close()
    const resumed = await command('import-log', { ...sqlite, REMBUK_DATA_DIR: resume }, exportFile)
    expect(resumed).toMatchObject({ appended: 25, skipped: exported.events - 25 })
    expect(await eventsOf(resume)).toEqual(await eventsOf(source))

    const [first] = await eventsOf(source)
    const store = SqliteEventStore.open(join(other, 'rembuk.db'))
    await store.append(
      first?.streamId as string,
      [{ type: 'Other', data: {}, metadata: { actorId: 'x' } }],
      'no_stream',
    )
    await store.close()
    await expect(command('import-log', { ...sqlite, REMBUK_DATA_DIR: other }, exportFile)).rejects.toThrow(
      /already holds a different event at revision 0/,
    )
    expect(await eventsOf(other)).toHaveLength(1)

    const text = readFileSync(exportFile, 'utf8')
    writeFileSync(join(work, 'damaged.ndjson'), text.replace('Tape ketan', 'Tape Ketan'))
    await expect(
      command('import-log', { ...sqlite, REMBUK_DATA_DIR: damaged }, join(work, 'damaged.ndjson')),
    ).rejects.toThrow(/changed or damaged/)
    writeFileSync(join(work, 'partial.ndjson'), text.slice(0, text.lastIndexOf('{"kind":"end"')))
    await expect(
      command('import-log', { ...sqlite, REMBUK_DATA_DIR: damaged }, join(work, 'partial.ndjson')),
    ).rejects.toThrow(/without its end line/)
    expect(existsSync(damaged)).toBe(false)
  })

  it('serves the same plans, maps and documents from the imported store, with sessions, sign-in and invitations', async () => {
    copyFileSync(join(source, 'token-secret'), join(copy, 'token-secret'))
    const moved = await startServerProcess(copy, sqlite)
    servers.push(moved)
    const there = await served(await originalServer(), principal)
    expect(there.docs[0]?.revision).toBeGreaterThan(30)
    expect(await served(moved, principal)).toEqual(there)

    const signedIn = await post<Session>(moved.httpUrl, '/api/auth/login', {
      email: 'kepala@sekolah.sch.id',
      password: 'kata-sandi-kepala',
    })
    expect(signedIn.user.memberId).toBe(principal.user.memberId)
    const accepted = await post<Session>(moved.httpUrl, '/api/auth/accept-invitation', {
      code: pendingCode,
      password: 'kata-sandi-wati',
    })
    expect(accepted.user).toMatchObject({ email: 'wati@sekolah.sch.id', role: 'teacher' })
  })

  describe.skipIf(!kurrentDb)(
    `into KurrentDB${kurrentDb ? '' : ' (skipped: KURRENTDB_CONNECTION_STRING is not set, no KurrentDB server here)'}`,
    () => {
      const kurrent = {
        REMBUK_EVENT_STORE: 'kurrentdb',
        KURRENTDB_CONNECTION_STRING: kurrentDb ?? '',
        REMBUK_TOKEN_SECRET: 'rahasia-uji-pindah-log-ke-kurrentdb-0123456789',
      }
      const dataDir = join(work, 'kurrentdb-data')

      it('appends every stream, runs again without appending, and a server on it serves the same school', async () => {
        const imported = await command('import-log', { ...kurrent, REMBUK_DATA_DIR: dataDir }, exportFile)
        expect(imported).toMatchObject({ into: 'kurrentdb', appended: exported.events, skipped: 0 })
        const again = await command('import-log', { ...kurrent, REMBUK_DATA_DIR: dataDir }, exportFile)
        expect(again).toMatchObject({ appended: 0, skipped: exported.events })

        const back = join(work, 'from-kurrentdb.ndjson')
        await command('export-log', { ...kurrent, REMBUK_DATA_DIR: dataDir }, back)
        const streams = exportedStreams(exportFile)
        expect(exportedStreams(back, new Set(streams.keys()))).toEqual(streams)

        copyFileSync(join(source, 'token-secret'), join(dataDir, 'token-secret'))
        const moved = await startServerProcess(dataDir, kurrent)
        servers.push(moved)
        // Through the port every append is recorded at the time of the import: times are left out here.
        const timeless = ({ plans, maps, docs }: Served) => ({
          plans: plans.map(({ updated: _, ...entry }) => entry).sort((a, b) => a.id.localeCompare(b.id)),
          maps: maps.map(({ updated: _, ...entry }) => entry).sort((a, b) => a.id.localeCompare(b.id)),
          docs,
        })
        const there = await served(await originalServer(), principal)
        expect(timeless(await served(moved, principal))).toEqual(timeless(there))
        await post(moved.httpUrl, '/api/auth/login', {
          email: 'kepala@sekolah.sch.id',
          password: 'kata-sandi-kepala',
        })
      })
    },
  )
})
