import { Injectable } from '@nestjs/common'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { type CollabClient, connectClient } from '../../tests/support/collab-clients.js'
import { setUpSchool, type TestSchool } from '../../tests/support/school.js'
import {
  CollabAccess,
  type CollabIdentity,
  type CollabRefusal,
  type CollabRequest,
} from '../src/collab/collab-access.js'
import { getJson, startServer, type TestServer, tempDataDir } from './support/test-server.js'

/** A policy decided by the name given as the token, to drive each outcome of the handshake. */
@Injectable()
class ByNameAccess extends CollabAccess {
  async authorize({ url }: CollabRequest): Promise<CollabIdentity | CollabRefusal> {
    const actor = url.searchParams.get('token') ?? ''
    if (actor.startsWith('pengawas')) return { actorId: actor, canWrite: false }
    if (actor.startsWith('guru')) return { actorId: actor, canWrite: true }
    return { refused: 403, reason: 'not a member of this school' }
  }
}

interface HistoryPage {
  entries: { actorId: string }[]
}

describe('access decided at the collaboration handshake', () => {
  let data: ReturnType<typeof tempDataDir>
  let server: TestServer
  const clients: CollabClient[] = []

  let school: TestSchool

  beforeEach(async () => {
    data = tempDataDir()
    server = await startServer(data.dir, {}, { collabAccess: ByNameAccess })
    school = await setUpSchool(server.httpUrl)
  })
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    await server.close()
    data.remove()
  })

  it('refuses the upgrade with the status the policy gives', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(`${server.collabUrl}/rencana?token=tamu`)
      socket.on('unexpected-response', (_request, response) => {
        resolve(response.statusCode ?? 0)
        socket.terminate()
      })
      socket.on('open', () => reject(new Error('a refused actor was let in')))
      socket.on('error', () => undefined)
    })
    expect(status).toBe(403)
  })

  it('gives a read-only member the live text, and drops their edits without storing them', async () => {
    const { docId } = await school.plan('Rencana diawasi', [])
    const guru = connectClient(server.collabUrl, docId, 'guru-sari')
    const pengawas = connectClient(server.collabUrl, docId, 'pengawas-dinas')
    clients.push(guru, pengawas)
    await Promise.all([guru.synced(), pengawas.synced()])

    guru.text.insert(0, 'Asesmen: presentasi hasil fermentasi.')
    await expect.poll(() => pengawas.text.toString()).toBe('Asesmen: presentasi hasil fermentasi.')

    pengawas.text.insert(0, 'DIUBAH PENGAWAS ')
    guru.text.insert(guru.text.length, ' Rubrik disepakati.')
    const expected = 'Asesmen: presentasi hasil fermentasi. Rubrik disepakati.'
    await expect
      .poll(() =>
        getJson<{ content: { catatan?: unknown } }>(
          server,
          `/api/docs/${docId}/state`,
          school.principal.token,
        ).then((r) => r.body.content.catatan),
      )
      .toEqual(expected)
    expect(guru.text.toString()).toBe(expected)

    const late = connectClient(server.collabUrl, docId, 'guru-budi')
    clients.push(late)
    await late.synced()
    expect(late.text.toString()).toBe(expected)
    const { body } = await getJson<HistoryPage>(server, `/api/docs/${docId}/history`, school.principal.token)
    expect(body.entries.map((e) => e.actorId)).not.toContain('pengawas-dinas')
  })
})
