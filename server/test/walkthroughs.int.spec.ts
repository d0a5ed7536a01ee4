import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type Session, setUpSchool, type TestSchool } from '../../tests/support/school.js'
import { call, connectedSocket } from './support/http.js'
import { signedInOtherSchool } from './support/second-school.js'
import { startServer, type TestServer, tempDataDir } from './support/test-server.js'

const privateText = 'Catatan pribadi: saya sendiri sering lupa memberi waktu tunggu'
const sharedText = 'Semua kelompok menimbang beras ketan dan mencatat beratnya'

describe('classroom walkthroughs over HTTP', () => {
  let data: ReturnType<typeof tempDataDir>
  let server: TestServer
  let school: TestSchool
  let kepala: Session
  let agus: Session
  let wati: Session
  let sari: Session
  let maya: Session
  let pengawas: Session

  beforeEach(async () => {
    data = tempDataDir()
    server = await startServer(data.dir)
    school = await setUpSchool(server.httpUrl)
    kepala = school.principal
    agus = await school.member('teacher', 'Pak Agus')
    wati = await school.member('teacher', 'Bu Wati')
    sari = await school.member('teacher', 'Bu Sari')
    maya = await school.member('coach', 'Bu Maya')
    pengawas = await school.member('supervisor', 'Pak Pengawas')
  })
  afterEach(async () => {
    await server.close()
    data.remove()
  })

  const post = (as: Session, path: string, body: unknown = {}) => call(server, 'POST', path, as.token, body)
  const get = (as: Session, path: string) => call(server, 'GET', path, as.token)

  /** Pak Agus observes Bu Wati up to her commitment, with one shared and one private note. */
  async function committedWalkthrough() {
    const proposed = await post(agus, '/api/walkthroughs', {
      observer: agus.user.memberId,
      observed: wati.user.memberId,
      className: 'XI IPS 2',
      lessonAt: '2026-04-07T09:00',
      focuses: ['engagement', 'connection'],
    })
    expect(proposed.status).toBe(201)
    const path = `/api/walkthroughs/${proposed.body.id}`
    expect((await post(wati, `${path}/agreement`)).body.status).toBe('agreed')
    expect(
      (await post(agus, `${path}/notes`, { focus: 'engagement', minute: 12, text: sharedText })).status,
    ).toBe(200)
    await post(agus, `${path}/notes`, { focus: 'connection', minute: 30, text: privateText, private: true })
    await post(agus, `${path}/observation-complete`)
    await post(agus, `${path}/conversation`, {
      text: 'Menit 12: semua kelompok aktif menimbang.',
      question: 'Bagaimana kelompok menghitung margin?',
    })
    await post(wati, `${path}/reflections`, { text: 'Hitungan margin perlu harga pasar nyata.' })
    await post(agus, `${path}/reflections`, { text: 'Saya belajar membagi peran dalam kelompok.' })
    const committed = await post(wati, `${path}/commitment`, {
      text: 'Memakai daftar harga pasar untuk menghitung margin',
      by: '2026-04-14',
    })
    expect(committed.status).toBe(200)
    return { id: proposed.body.id as string, path }
  }

  it('goes from agreement to commitment, each step by the colleague whose step it is', async () => {
    const proposed = await post(agus, '/api/walkthroughs', {
      observer: agus.user.memberId,
      observed: wati.user.memberId,
      className: 'XI IPS 2',
      lessonAt: '2026-04-07T09:00',
      focuses: ['engagement'],
    })
    expect(proposed.body).toMatchObject({
      status: 'proposed',
      awaiting: wati.user.memberId,
      relation: 'observer',
    })
    const path = `/api/walkthroughs/${proposed.body.id}`
    expect((await post(agus, `${path}/agreement`)).status).toBe(403)
    const moved = await post(wati, `${path}/other-time`, {
      lessonAt: '2026-04-08T10:30',
      note: 'Selasa ulangan',
    })
    expect(moved.body).toMatchObject({ lessonAt: '2026-04-08T10:30', awaiting: agus.user.memberId })
    expect((await post(agus, `${path}/agreement`)).body.status).toBe('agreed')

    expect((await post(wati, `${path}/notes`, { focus: 'engagement', minute: 3, text: 'x' })).status).toBe(
      403,
    )
    expect((await post(kepala, `${path}/notes`, { focus: 'engagement', minute: 3, text: 'x' })).status).toBe(
      403,
    )
    expect((await post(agus, `${path}/notes`, { focus: 'strategy', minute: 3, text: 'x' })).status).toBe(400)
    expect((await post(agus, `${path}/observation-complete`)).status).toBe(409)
    await post(agus, `${path}/notes`, { focus: 'engagement', minute: 3, text: sharedText })
    expect((await post(agus, `${path}/observation-complete`)).body.status).toBe('observed')
    expect((await post(wati, `${path}/commitment`, { text: 'Coba', by: '2026-04-14' })).status).toBe(409)
    await post(wati, `${path}/reflections`, { text: 'Refleksi Bu Wati' })
    await post(agus, `${path}/reflections`, { text: 'Refleksi Pak Agus' })
    expect((await post(agus, `${path}/commitment`, { text: 'Coba', by: '2026-04-14' })).status).toBe(403)
    const committed = await post(wati, `${path}/commitment`, { text: 'Coba harga pasar', by: '2026-04-14' })
    expect(committed.body).toMatchObject({
      status: 'committed',
      commitment: { text: 'Coba harga pasar', by: '2026-04-14' },
      loop: { status: 'open' },
    })

    const { body } = await get(wati, path)
    expect(body.events.map((event: { type: string }) => event.type)).toEqual([
      'WalkthroughProposed',
      'WalkthroughTimeProposed',
      'WalkthroughAgreed',
      'ObservationNoteRecorded',
      'ObservationCompleted',
      'ReflectionWritten',
      'ReflectionWritten',
      'FollowUpCommitted',
    ])
    expect(body.events[0]).toMatchObject({ actorName: 'Pak Agus' })
  })

  it('refuses bad input, strangers, the principal as observer and other schools', async () => {
    const body = {
      observer: agus.user.memberId,
      observed: wati.user.memberId,
      className: 'XI',
      lessonAt: '2026-04-07T09:00',
      focuses: ['engagement'],
    }
    expect((await post(agus, '/api/walkthroughs', { ...body, focuses: ['score'] })).status).toBe(400)
    expect((await post(agus, '/api/walkthroughs', { ...body, focuses: [] })).status).toBe(400)
    expect((await post(agus, '/api/walkthroughs', { ...body, lessonAt: 'besok' })).status).toBe(400)
    expect((await post(agus, '/api/walkthroughs', { ...body, rating: 4 })).body.rating).toBeUndefined()
    expect((await post(sari, '/api/walkthroughs', body)).status).toBe(403)
    expect((await post(pengawas, '/api/walkthroughs', body)).status).toBe(403)
    expect(
      (await post(kepala, '/api/walkthroughs', { ...body, observer: kepala.user.memberId })).status,
    ).toBe(400)
    expect((await get(agus, '/api/walkthroughs/ob_nothing')).status).toBe(404)
    const { id } = await committedWalkthrough()
    const other = await signedInOtherSchool(server)
    expect((await get(other, `/api/walkthroughs/${id}`)).status).toBe(404)
    expect((await get(other, '/api/walkthroughs')).body).toEqual([])
  })

  it('shows private notes to the observer alone, in the walkthrough, its list, its history and the replay', async () => {
    const { id, path } = await committedWalkthrough()
    const observer = JSON.stringify([
      await get(agus, path),
      await get(agus, '/api/walkthroughs'),
      await get(agus, '/api/as-of'),
    ])
    expect(observer).toContain(privateText)
    expect(observer).toContain(sharedText)

    for (const someone of [wati, kepala, maya, sari, pengawas]) {
      const answers = [
        await get(someone, path),
        await get(someone, '/api/walkthroughs'),
        await get(someone, '/api/as-of'),
      ]
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200])
      expect(JSON.stringify(answers)).not.toContain(privateText)
      expect(JSON.stringify(answers)).not.toContain('waktu tunggu')
    }
    const seenByWati = (await get(wati, path)).body
    expect(seenByWati.notes.map((note: { text: string }) => note.text)).toEqual([sharedText])
    expect(seenByWati.reflections).toHaveLength(2)

    const seenByPrincipal = (await get(kepala, path)).body
    expect(seenByPrincipal).toMatchObject({
      relation: 'other',
      status: 'committed',
      focuses: ['engagement', 'connection'],
      commitment: { text: 'Memakai daftar harga pasar untuk menghitung margin' },
      notes: [],
      conversation: [],
      reflections: [],
      loop: { status: 'open' },
    })
    expect(seenByPrincipal.reflectedBy).toHaveLength(2)
    expect(JSON.stringify(seenByPrincipal)).not.toContain(sharedText)
    const replay = (await get(kepala, '/api/as-of')).body
    expect(replay.walkthroughs).toMatchObject([{ walkthroughId: id, status: 'committed', notes: [] }])
  })

  it('closes the loop by a plan or a later walkthrough, and shows the hub its open, overdue and average', async () => {
    const first = await committedWalkthrough()
    const hubPath = '/api/walkthroughs/hub?today=2026-04-20'
    expect((await get(agus, hubPath)).status).toBe(403)
    expect((await get(pengawas, hubPath)).status).toBe(403)
    const before = (await get(kepala, hubPath)).body
    expect(before.open.map((loop: { walkthroughId: string }) => loop.walkthroughId)).toEqual([first.id])
    expect(before.overdue).toHaveLength(1)
    expect(before.averageDaysToFollowUp).toBeNull()
    expect(JSON.stringify(before)).not.toMatch(/score|grade|rank|rating/i)

    const later = await post(sari, '/api/walkthroughs', {
      observer: sari.user.memberId,
      observed: wati.user.memberId,
      className: 'XI IPS 2',
      lessonAt: '2026-04-21T09:00',
      focuses: ['connection'],
      followsUp: first.id,
    })
    expect(later.status).toBe(201)
    expect(later.body.followsUp).toBe(first.id)
    const after = (await get(maya, hubPath)).body
    expect(after.open).toEqual([])
    expect(after.closed).toMatchObject([
      {
        walkthroughId: first.id,
        closedBy: { kind: 'walkthrough', walkthroughId: later.body.id },
        daysToFollowUp: 0,
      },
    ])
    expect(after.averageDaysToFollowUp).toBe(0)
    expect(after.inProgress.map((w: { walkthroughId: string }) => w.walkthroughId)).toEqual([later.body.id])
    expect((await get(wati, first.path)).body.followedUpBy).toEqual([later.body.id])
    expect((await post(wati, `${first.path}/commitment`, { text: 'Ganti', by: '2026-05-01' })).status).toBe(
      409,
    )

    const plan = await school.plan('Rencana ekonomi: margin tape ketan', [wati])
    const other = await school.plan('Rencana lain', [sari])
    expect((await post(wati, `${first.path}/plan-citations`, { planId: other.id })).status).toBe(403)
    expect((await post(agus, `${first.path}/plan-citations`, { planId: plan.id })).status).toBe(403)
    expect((await post(wati, `${first.path}/plan-citations`, { planId: 'p_none' })).status).toBe(404)
    const cited = await post(wati, `${first.path}/plan-citations`, { planId: plan.id, note: 'Kegiatan 2' })
    expect(cited.body.planCitations).toMatchObject([{ planId: plan.id, note: 'Kegiatan 2' }])
  })

  it('announces each step to the school live, without saying which step (a private note stays unseen)', async () => {
    const socket = await connectedSocket(server, kepala.token)
    const seen: Record<string, unknown>[] = []
    socket.on('records:changed', (message) => seen.push(message))
    try {
      const { id } = await committedWalkthrough()
      await expect.poll(() => seen.length, { timeout: 10_000 }).toBe(9)
      expect(seen).toEqual(Array.from({ length: 9 }, () => ({ kind: 'walkthrough', id })))
    } finally {
      socket.disconnect()
    }
  })
})
