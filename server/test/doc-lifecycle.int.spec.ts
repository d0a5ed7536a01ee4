import type { EventStore, SnapshotStore } from '@rembuk/event-store'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type CollabClient, connectClient } from '../../tests/support/collab-clients.js'
import { type Session, schoolWithPlan, type TestPlan } from '../../tests/support/school.js'
import { DocReader, type LoadedDoc } from '../src/documents/doc-reader.js'
import { EVENT_STORE, SNAPSHOT_STORE } from '../src/store/store.module.js'
import { call, openRawCollab } from './support/http.js'
import { startServer, type TestServer, tempDataDir } from './support/test-server.js'

/** The real reader, which can be made to fail or to wait on its next loads of a live document. */
class UnreliableDocReader extends DocReader {
  private failures = 0
  private hold: Promise<void> | undefined

  failNext(count: number): void {
    this.failures = count
  }

  /** The next load waits until the returned function is called. */
  holdNext(): () => void {
    let release = () => {}
    this.hold = new Promise((resolve) => {
      release = resolve
    })
    return release
  }

  override async load(docId: string, atRevision?: bigint): Promise<LoadedDoc> {
    if (atRevision === undefined) {
      const hold = this.hold
      this.hold = undefined
      await hold
      if (this.failures > 0) {
        this.failures -= 1
        throw new Error('the disk is not answering')
      }
    }
    return super.load(docId, atRevision)
  }
}

describe('the life of a live document', () => {
  let data: ReturnType<typeof tempDataDir>
  let server: TestServer
  let sari: Session
  let principal: Session
  let plan: TestPlan
  let reader: UnreliableDocReader
  const clients: CollabClient[] = []
  const openDocuments = async () => (await call(server, 'GET', '/health')).body.documents.open as number
  const revisions = async () =>
    (await call(server, 'GET', `/api/docs/${plan.docId}/history`, principal.token)).body.entries
      .length as number

  beforeEach(async () => {
    data = tempDataDir()
    server = await startServer(
      data.dir,
      {},
      {
        overrides: [
          {
            provide: DocReader,
            inject: [EVENT_STORE, SNAPSHOT_STORE],
            factory: (events: EventStore, snapshots: SnapshotStore) =>
              new UnreliableDocReader(events, snapshots),
          },
        ],
      },
    )
    reader = server.app.get(DocReader)
    ;({ principal, teacher: sari, plan } = await schoolWithPlan(server.httpUrl))
  })
  afterEach(async () => {
    for (const client of clients.splice(0)) client.destroy()
    await server.close()
    data.remove()
  })

  it('never serves a document that failed to load: the client is closed with 1011 and retries', async () => {
    const first = connectClient(server.collabUrl, plan.docId, sari.token)
    clients.push(first)
    await first.synced()
    first.text.insert(0, 'Isi yang sudah tersimpan.')
    await expect.poll(revisions).toBe(2)
    first.destroy()
    await expect.poll(openDocuments).toBe(0)

    reader.failNext(2)
    const second = connectClient(server.collabUrl, plan.docId, sari.token)
    clients.push(second)
    const closes: number[] = []
    const textsAtSync: string[] = []
    second.provider.on('connection-close', (event) => closes.push(event?.code ?? 0))
    second.provider.on('sync', (synced: boolean) => {
      if (synced) textsAtSync.push(second.text.toString())
    })
    await second.synced()
    expect(closes).toEqual([1011, 1011])
    expect(textsAtSync).toEqual(['Isi yang sudah tersimpan.'])
    expect(await revisions()).toBe(2)
  })

  it('unloads a document whose only connection broke the protocol or left while it was loading', async () => {
    const breaker = await openRawCollab(server, plan.docId, sari.token)
    breaker.socket.send(new Uint8Array([0, 2, 0xff, 0xff, 0xff]))
    expect((await breaker.closed).code).toBe(1007)
    await expect.poll(openDocuments).toBe(0)

    const release = reader.holdNext()
    const leaver = await openRawCollab(server, plan.docId, sari.token)
    expect(await openDocuments()).toBe(1)
    leaver.socket.close()
    await leaver.closed
    release()
    await expect.poll(openDocuments).toBe(0)

    reader.failNext(1)
    const unlucky = await openRawCollab(server, plan.docId, sari.token)
    expect((await unlucky.closed).code).toBe(1011)
    expect(await openDocuments()).toBe(0)

    const later = connectClient(server.collabUrl, plan.docId, sari.token)
    clients.push(later)
    await later.synced()
    expect(await openDocuments()).toBe(1)
  })
})
