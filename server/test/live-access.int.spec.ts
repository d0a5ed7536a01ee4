import type { Socket } from 'socket.io-client'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type CollabClient, connectClient } from '../../tests/support/collab-clients.js'
import { type Session, setUpSchool, type TestPlan, type TestSchool } from '../../tests/support/school.js'
import { call, connectedSocket, handshakeStatus } from './support/http.js'
import { startServer, type TestServer, tempDataDir } from './support/test-server.js'

interface StatePage {
  content: { catatan?: string }
}

/** Close codes the server sent to this client, in order. */
function closeCodesOf(client: CollabClient): number[] {
  const codes: number[] = []
  client.provider.on('connection-close', (event) => {
    if (event) codes.push(event.code)
  })
  return codes
}

describe('access that changes while a connection is open', () => {
  let data: ReturnType<typeof tempDataDir>
  let server: TestServer
  let school: TestSchool
  let sari: Session
  let budi: Session
  let plan: TestPlan
  const clients: CollabClient[] = []
  const sockets: Socket[] = []
  const connect = (session: Session) => {
    const client = connectClient(server.collabUrl, plan.docId, session.token)
    clients.push(client)
    return client
  }
  const storedText = async () =>
    (await call(server, 'GET', `/api/docs/${plan.docId}/state`, school.principal.token)).body as StatePage

  beforeEach(async () => {
    data = tempDataDir()
    server = await startServer(data.dir)
    school = await setUpSchool(server.httpUrl)
    sari = await school.member('teacher', 'Bu Sari')
    budi = await school.member('teacher', 'Pak Budi')
    plan = await school.plan('Tape ketan', [sari, budi])
  })
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    for (const socket of sockets.splice(0)) socket.disconnect()
    await server.close()
    data.remove()
  })

  it('closes the open connections of a removed member with 4403 and refuses them from then on', async () => {
    const [sariClient, budiClient] = [connect(sari), connect(budi)]
    const closes = closeCodesOf(budiClient)
    await Promise.all([sariClient.synced(), budiClient.synced()])
    const socket = await connectedSocket(server, budi.token)
    sockets.push(socket)

    expect(
      (await call(server, 'DELETE', `/api/members/${budi.user.memberId}`, school.principal.token)).status,
    ).toBe(204)

    await expect.poll(() => closes[0]).toBe(4403)
    await expect.poll(() => socket.connected).toBe(false)
    expect(await handshakeStatus(server, plan.docId, budi.token)).toBe(401)
    sariClient.text.insert(0, 'Sari tetap menulis. ')
    await expect.poll(async () => (await storedText()).content.catatan).toBe('Sari tetap menulis. ')
  })

  it('drops the edits of a member taken off the team, and converges again once they are back', async () => {
    const [sariClient, budiClient] = [connect(sari), connect(budi)]
    const closes = closeCodesOf(budiClient)
    await Promise.all([sariClient.synced(), budiClient.synced()])
    budiClient.text.insert(0, 'Budi menulis. ')
    await expect.poll(async () => (await storedText()).content.catatan).toBe('Budi menulis. ')

    const off = await call(
      server,
      'DELETE',
      `/api/plans/${plan.id}/team/${budi.user.memberId}`,
      school.principal.token,
    )
    expect(off.status).toBe(200)
    budiClient.text.insert(0, 'TIDAK BOLEH. ')
    sariClient.text.insert(sariClient.text.length, 'Sari menambah.')
    await expect.poll(() => budiClient.text.toString()).toContain('Sari menambah.')
    await expect.poll(async () => (await storedText()).content.catatan).toBe('Budi menulis. Sari menambah.')
    expect(sariClient.text.toString()).not.toContain('TIDAK BOLEH')

    const back = await call(server, 'POST', `/api/plans/${plan.id}/team`, school.principal.token, {
      memberId: budi.user.memberId,
    })
    expect(back.status).toBe(200)
    budiClient.text.insert(budiClient.text.length, '!')
    await expect.poll(() => sariClient.text.toString()).toMatch(/Sari menambah\.!$/)
    expect(sariClient.text.toString()).toBe(budiClient.text.toString())
    await expect.poll(async () => (await storedText()).content.catatan).toBe(budiClient.text.toString())
    expect(closes).toEqual([])
  })

  it('makes the open connection of a teacher who becomes a supervisor read-only, and re-signs their socket', async () => {
    const [sariClient, budiClient] = [connect(sari), connect(budi)]
    await Promise.all([sariClient.synced(), budiClient.synced()])
    const socket = await connectedSocket(server, budi.token)
    sockets.push(socket)
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve))

    const changed = await call(
      server,
      'PATCH',
      `/api/members/${budi.user.memberId}`,
      school.principal.token,
      {
        role: 'supervisor',
      },
    )
    expect(changed.status).toBe(200)
    expect(await disconnected).toBe('io server disconnect')

    budiClient.text.insert(0, 'Catatan pengawas. ')
    sariClient.text.insert(0, 'Sari. ')
    await expect.poll(() => budiClient.text.toString()).toContain('Sari. ')
    await expect.poll(async () => (await storedText()).content.catatan).toBe('Sari. ')
    expect(budiClient.provider.wsconnected).toBe(true)
  })
})
