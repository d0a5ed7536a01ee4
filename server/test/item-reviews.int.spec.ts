import { itemReviewDoc } from '@rembuk/collab'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { connectClient } from '../../tests/support/collab-clients.js'
import { type Session, setUpSchool, type TestSchool } from '../../tests/support/school.js'
import { call, handshakeStatus } from './support/http.js'
import { startServer, type TestServer, tempDataDir } from './support/test-server.js'

describe('item reviews over HTTP and /collab', () => {
  let data: ReturnType<typeof tempDataDir>
  let server: TestServer
  let school: TestSchool
  let agus: Session
  let budi: Session
  let sari: Session

  beforeEach(async () => {
    data = tempDataDir()
    server = await startServer(data.dir)
    school = await setUpSchool(server.httpUrl)
    agus = await school.member('teacher', 'Pak Agus')
    budi = await school.member('teacher', 'Pak Budi')
    sari = await school.member('teacher', 'Bu Sari')
  })
  afterEach(async () => {
    await server.close()
    data.remove()
  })

  const start = () =>
    call(server, 'POST', '/api/item-reviews', agus.token, {
      testName: 'PTS semester genap',
      subject: 'Biologi',
      className: 'XI IPA',
      testDate: '2026-03-20',
      reviewers: [budi.user.memberId],
      items: ['Apa peran ragi dalam pembuatan tape?', 'Sebutkan mikroba pada tape ketan.'],
    })

  it('starts with its items, whose texts the reviewers co-edit live while others only read', async () => {
    const started = await start()
    expect(started.status).toBe(201)
    expect(started.body).toMatchObject({
      reviewers: [agus.user.memberId, budi.user.memberId],
      finished: false,
      docId: expect.stringMatching(/^soal-/),
    })
    const [first] = started.body.items
    const { body: review } = await call(server, 'GET', `/api/item-reviews/${started.body.id}`, sari.token)
    expect(review.texts[first.itemId]).toBe('Apa peran ragi dalam pembuatan tape?')

    const writer = connectClient(server.collabUrl, review.docId, budi.token)
    const reader = connectClient(server.collabUrl, review.docId, sari.token)
    try {
      await Promise.all([writer.synced(), reader.synced()])
      itemReviewDoc(writer.doc).itemText(first.itemId).insert(0, '1. ')
      itemReviewDoc(reader.doc).itemText(first.itemId).insert(0, 'DIBACA SAJA ')
      await expect
        .poll(
          async () => {
            const { body } = await call(server, 'GET', `/api/item-reviews/${review.id}`, sari.token)
            return body.texts[first.itemId]
          },
          { timeout: 10_000 },
        )
        .toBe('1. Apa peran ragi dalam pembuatan tape?')
    } finally {
      writer.destroy()
      reader.destroy()
    }
    expect(await handshakeStatus(server, review.docId, school.principal.token)).toBe(101)
  })

  it('takes comments and statuses, and is finished only once every item is agreed or dropped', async () => {
    const { body: review } = await start()
    const path = `/api/item-reviews/${review.id}`
    const [one, two] = review.items.map((item: { itemId: string }) => item.itemId)
    const commented = await call(server, 'POST', `${path}/items/${one}/comments`, sari.token, {
      text: 'Pengecoh C terlalu mudah.',
    })
    expect(commented.body.items[0].comments).toEqual([
      expect.objectContaining({ memberId: sari.user.memberId, text: 'Pengecoh C terlalu mudah.' }),
    ])
    expect(
      (await call(server, 'POST', `${path}/items/${one}/status`, sari.token, { status: 'agreed' })).status,
    ).toBe(403)
    expect(
      (await call(server, 'POST', `${path}/items/${one}/status`, budi.token, { status: 'done' })).status,
    ).toBe(400)
    await call(server, 'POST', `${path}/items/${one}/status`, budi.token, { status: 'revise' })
    expect((await call(server, 'POST', `${path}/finish`, agus.token)).status).toBe(409)
    await call(server, 'POST', `${path}/items/${one}/status`, agus.token, { status: 'agreed' })
    const added = await call(server, 'POST', `${path}/items`, agus.token)
    expect(added.body.items.map((item: { number: number }) => item.number)).toEqual([1, 2, 3])
    const three = added.body.items[2].itemId
    await call(server, 'POST', `${path}/items/${two}/status`, agus.token, { status: 'dropped' })
    await call(server, 'POST', `${path}/items/${three}/status`, agus.token, { status: 'agreed' })
    const finished = await call(server, 'POST', `${path}/finish`, budi.token)
    expect(finished.body.finished).toBe(true)
    expect((await call(server, 'POST', `${path}/items`, agus.token)).status).toBe(409)

    const writer = connectClient(server.collabUrl, review.docId, agus.token)
    try {
      await writer.synced()
      itemReviewDoc(writer.doc).itemText(one).insert(0, 'TERLAMBAT ')
      const late = connectClient(server.collabUrl, review.docId, budi.token)
      try {
        await late.synced()
        expect(itemReviewDoc(late.doc).itemText(one).toString()).toBe('Apa peran ragi dalam pembuatan tape?')
      } finally {
        late.destroy()
      }
      const { body } = await call(server, 'GET', path, sari.token)
      expect(body.texts[one]).toBe('Apa peran ragi dalam pembuatan tape?')
      expect(body.events.map((e: { type: string }) => e.type)).toContain('ItemReviewFinished')
    } finally {
      writer.destroy()
    }
  })

  it('shows in the school as it was at a moment, beside the learning groups', async () => {
    const { body: review } = await start()
    await call(server, 'POST', '/api/groups', school.principal.token, {
      name: 'MGMP Biologi',
      kind: 'mgmp',
      basis: 'subject',
      members: [budi.user.memberId],
      leader: agus.user.memberId,
    })
    const { body: now } = await call(server, 'GET', '/api/as-of', school.principal.token)
    expect(now.itemReviews.map((r: { reviewId: string }) => r.reviewId)).toEqual([review.id])
    expect(now.itemReviews[0].docRevision).toBe(0)
    expect(now.groups.map((g: { name: string }) => g.name)).toEqual(['MGMP Biologi'])
    const { body: before } = await call(
      server,
      'GET',
      `/api/as-of?position=${now.position - 1}`,
      school.principal.token,
    )
    expect(before.groups).toEqual([])
    expect(before.itemReviews).toHaveLength(1)
  })
})
