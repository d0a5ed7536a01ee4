import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startThrowawayPostgres, type ThrowawayPostgres } from '@rembuk/event-store/postgres-testing'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { CredentialStore } from './credential-store.js'
import { PostgresCredentialStore } from './postgres-credential-store.js'
import { SqliteCredentialStore } from './sqlite-credential-store.js'

const sari = { memberId: 'm_sari', schoolId: 'sch_1', email: 'sari@sekolah.sch.id', passwordHash: 'h1' }
const inDays = (days: number) => new Date(Date.now() + days * 24 * 3600 * 1000)

/** The same behaviour from every credential store; `open` gives two stores on one storage (two replicas). */
function behavesAsCredentialStore(name: string, open: () => Promise<[CredentialStore, CredentialStore]>) {
  describe(`credentials: ${name}`, () => {
    it('keeps a password hash by email, replaces it, and refuses the email to another member', async () => {
      const [one, two] = await open()
      expect(await one.save(sari)).toBe(true)
      expect(await two.byEmail(sari.email)).toEqual(sari)
      expect(await two.save({ ...sari, passwordHash: 'h2' })).toBe(true)
      expect((await one.byEmail(sari.email))?.passwordHash).toBe('h2')
      expect(await two.save({ ...sari, memberId: 'm_lain' })).toBe(false)
      await one.remove(sari.memberId)
      expect(await two.byEmail(sari.email)).toBeUndefined()
      await Promise.all([one.close(), two.close()])
    })

    it('hands an invitation out once, whichever replica is asked, and never after it expired', async () => {
      const [one, two] = await open()
      const invitation = { memberId: 'm_budi', schoolId: 'sch_1', email: 'budi@sekolah.sch.id' }
      await one.saveInvitation('kode-lama', { ...invitation, expires: inDays(14) })
      await one.saveInvitation('kode-baru', { ...invitation, expires: inDays(14) })
      expect(await two.takeInvitation('kode-lama')).toBeUndefined()
      const taken = await Promise.all([one.takeInvitation('kode-baru'), two.takeInvitation('kode-baru')])
      expect(taken.filter(Boolean)).toEqual([expect.objectContaining(invitation)])
      await two.saveInvitation('kode-basi', { ...invitation, expires: inDays(-1) })
      expect(await one.takeInvitation('kode-basi')).toBeUndefined()
      await Promise.all([one.close(), two.close()])
    })
  })
}

const dir = mkdtempSync(join(tmpdir(), 'rembuk-credentials-'))
let fileCount = 0
behavesAsCredentialStore('SQLite file', async () => {
  const file = join(dir, `rembuk-${fileCount++}.db`)
  return [new SqliteCredentialStore(file), new SqliteCredentialStore(file)]
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('on PostgreSQL', () => {
  let server: ThrowawayPostgres
  const pools: pg.Pool[] = []
  beforeAll(async () => {
    server = await startThrowawayPostgres()
  })
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()))
    await server?.stop()
  })
  behavesAsCredentialStore('PostgreSQL, two pools', async () => {
    const url = await server.createDatabase()
    const replicas = [new pg.Pool({ connectionString: url }), new pg.Pool({ connectionString: url })]
    // The server ends idle connections when it stops after the tests.
    for (const pool of replicas) pool.on('error', () => undefined)
    pools.push(...replicas)
    const [one, two] = replicas as [pg.Pool, pg.Pool]
    return Promise.all([PostgresCredentialStore.open(one), PostgresCredentialStore.open(two)])
  })
})
