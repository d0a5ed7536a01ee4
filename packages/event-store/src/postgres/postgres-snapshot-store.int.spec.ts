import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { payloadOf } from '../contract/helpers.js'
import { StoreClosedError } from '../errors.js'
import { createPool } from './pool.js'
import { PostgresSnapshotStore } from './postgres-snapshot-store.js'
import { startThrowawayPostgres, type ThrowawayPostgres } from './throwaway-postgres.js'

let server: ThrowawayPostgres
beforeAll(async () => {
  server = await startThrowawayPostgres()
})
afterAll(async () => {
  await server?.stop()
})

describe('PostgreSQL snapshot store', () => {
  it('keeps snapshots by key and revision, finds the newest at or before one, and drops those after', async () => {
    const snapshots = await PostgresSnapshotStore.connect(server.url)
    const at = (revision: bigint) => ({ key: 'doc-a', revision, state: payloadOf(64) })
    const [s2, s5, s9] = [at(2n), at(5n), at(9n)]
    for (const snapshot of [s2, s5, s9]) await snapshots.save(snapshot)
    await snapshots.save({ key: 'doc-b', revision: 1n, state: payloadOf(8) })
    const view = payloadOf(32).subarray(4, 12)
    await snapshots.save({ key: 'doc-a', revision: 5n, state: view })

    expect(await snapshots.latest('doc-a')).toEqual(s9)
    expect(await snapshots.latest('doc-a', 8n)).toEqual({ key: 'doc-a', revision: 5n, state: view })
    expect(await snapshots.latest('doc-a', 1n)).toBeUndefined()
    expect(await snapshots.drop('doc-a', 2n)).toBe(2)
    expect(await snapshots.latest('doc-a')).toEqual(s2)
    expect(await snapshots.drop('doc-a')).toBe(1)
    expect(await snapshots.latest('doc-a')).toBeUndefined()
    expect((await snapshots.latest('doc-b'))?.revision).toBe(1n)
    await snapshots.close()
    await expect(snapshots.latest('doc-b')).rejects.toBeInstanceOf(StoreClosedError)
  })

  it('leaves a pool it was given open when closed', async () => {
    const pool = createPool(server.url)
    const snapshots = await PostgresSnapshotStore.open(pool)
    await snapshots.save({ key: 'doc-c', revision: 0n, state: payloadOf(4) })
    await snapshots.close()
    const { rows } = await pool.query('SELECT count(*)::int AS n FROM rembuk_snapshots WHERE key = $1', [
      'doc-c',
    ])
    expect(rows).toEqual([{ n: 1 }])
    await pool.end()
  })
})
