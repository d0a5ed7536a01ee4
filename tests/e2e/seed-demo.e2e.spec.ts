import { execFile } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, describe, expect, it } from 'vitest'
import { post, type Session } from '../support/school.js'
import { repoRoot, type ServerProcess, startServerProcess } from '../support/server-process.js'

const run = promisify(execFile)
const seedCommand = join(repoRoot, 'server', 'dist', 'cli', 'seed-demo.js')

describe('the demo seed command', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rembuk-seed-'))
  let server: ServerProcess | undefined

  afterEach(async () => {
    await server?.kill()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('seeds a demo school once, which the app then serves', async () => {
    const env = { ...process.env, REMBUK_DATA_DIR: dataDir }
    const { stdout } = await run(process.execPath, [seedCommand], { env })
    const seeded = JSON.parse(stdout.trim().split('\n').at(-1) as string)
    expect(seeded.members.map((m: { role: string }) => m.role)).toEqual([
      ...Array(6).fill('teacher'),
      'coach',
      'supervisor',
    ])
    await expect(run(process.execPath, [seedCommand], { env })).rejects.toMatchObject({
      stderr: expect.stringMatching(/already has a school/),
    })

    server = await startServerProcess(dataDir)
    const sari = await post<Session>(server.httpUrl, '/api/auth/login', {
      email: 'sari@demo.sch.id',
      password: seeded.password,
    })
    const headers = { authorization: `Bearer ${sari.token}` }
    // biome-ignore lint/suspicious/noExplicitAny: JSON from the API under test, checked field by field below
    const get = async (path: string): Promise<any> =>
      (await fetch(`${server?.httpUrl}${path}`, { headers })).json()
    const plans = await get('/api/plans')
    expect(plans).toHaveLength(1)
    expect(plans[0]).toMatchObject({ step: 'indicators', status: 'planning' })
    expect(plans[0].team).toHaveLength(6)
    const maps = await get('/api/maps')
    const map = await get(`/api/maps/${maps[0].id}`)
    expect(map.content.lanes).toHaveLength(6)
    const built = await get(`/api/docs/${map.docId}/timeline?limit=1000`)
    expect(built.entries.length).toBeGreaterThan(20)
    expect(new Set(built.entries.slice(1).map((e: { actorName: string }) => e.actorName)).size).toBe(6)
    const [decision] = await get(`/api/decisions?mapId=${maps[0].id}`)
    expect(decision).toMatchObject({ title: 'Fermentasi dua hari, bukan tiga', status: 'decided' })
    expect(decision.earlierPositions.length).toBeGreaterThan(0)
    const [change] = decision.changes
    const compared = await get(
      `/api/docs/${change.docId}/compare?from=${change.revision - 1}&to=${change.revision}`,
    )
    expect(compared.map.activity[0].diff).toContainEqual({ op: 'added', text: 'dua' })
    const [fermentation] = map.activityChanges
    expect(fermentation.before.description).toMatch(/tiga hari/)
    expect(fermentation.after.description).toMatch(/dua hari/)
    expect(fermentation.lanes).toHaveLength(6)
    const reviewed = fermentation.acknowledgements.map(
      (ack: { laneId: string }) =>
        fermentation.lanes.find((lane: { laneId: string }) => lane.laneId === ack.laneId).subject,
    )
    expect(reviewed.sort()).toEqual(['Biologi (bioteknologi)', 'Kimia (termokimia)', 'Matematika'])
    expect(fermentation.lanes.every((lane: { teacherId: string | null }) => lane.teacherId)).toBe(true)
    const minutes = await get(`/api/meetings/${decision.meetingId}/minutes`)
    expect(minutes.attendance.present).toHaveLength(8)
    expect(minutes.attendance.absent.map((p: { name: string }) => p.name)).toEqual(['Pak Hendra Wijaya'])
    const state = await get(`/api/docs/${plans[0].docId}/state`)
    expect(state.content.goals).toMatch(/persentase susut berat/)

    const [pair] = await get('/api/team-teaching')
    expect(pair).toMatchObject({ className: 'XI IPA 2', model: 'one-teach-one-observe' })
    const teaching = await get(`/api/team-teaching/${pair.id}`)
    const roles = (lesson: { roles: { memberId: string; role: string }[] }) =>
      lesson.roles.find((entry) => entry.memberId === sari.user.memberId)?.role
    expect(teaching.lessons.map(roles)).toEqual(['teach', 'observe'])
    const [first] = teaching.lessons
    expect(first.tasks).toHaveLength(6)
    expect(first.tasks.every((task: { done: boolean }) => task.done)).toBe(true)
    expect(first.phases.core.actual).toMatch(/timbangan rusak/)
    expect(first.reflections).toHaveLength(2)
    expect(first.conclusion.agreedBy).toHaveLength(2)
    const prep = await get(`/api/docs/${pair.docId}/state`)
    expect(prep.content.preparation).toMatch(/dua timbangan digital/)
    const signIn = (email: string) =>
      post<Session>(server?.httpUrl as string, '/api/auth/login', { email, password: seeded.password })
    const as = async (email: string, path: string) => {
      const { token } = await signIn(email)
      return (
        await fetch(`${server?.httpUrl}${path}`, { headers: { authorization: `Bearer ${token}` } })
      ).json()
    }
    const privateNote = 'Untuk saya sendiri'
    const hub = await as('kartini@demo.sch.id', '/api/walkthroughs/hub?today=2026-04-25')
    expect(hub.closed).toMatchObject([{ daysToFollowUp: 11, closedBy: { kind: 'walkthrough' } }])
    expect(hub.open).toHaveLength(1)
    expect(hub.overdue).toEqual([])
    expect(hub.averageDaysToFollowUp).toBe(11)
    const seenByPrincipal = await as('kartini@demo.sch.id', '/api/walkthroughs')
    expect(seenByPrincipal).toHaveLength(3)
    expect(JSON.stringify(seenByPrincipal)).not.toContain(privateNote)
    const followedUp = seenByPrincipal.find(
      (w: { loop: { status: string } | null }) => w.loop?.status === 'closed',
    )
    const seenByWati = await as('wati@demo.sch.id', `/api/walkthroughs/${followedUp.id}`)
    expect(seenByWati.notes).toHaveLength(3)
    expect(seenByWati.reflections).toHaveLength(2)
    expect(JSON.stringify(seenByWati)).not.toContain(privateNote)
    const seenByAgus = await as('agus@demo.sch.id', `/api/walkthroughs/${followedUp.id}`)
    expect(seenByAgus.notes.filter((note: { private: boolean }) => note.private)).toHaveLength(1)
    const [group] = await get('/api/groups')
    expect(group).toMatchObject({ kind: 'mgmp', members: expect.arrayContaining([sari.user.memberId]) })
    expect(group.members).toHaveLength(7)
    const detail = await get(`/api/groups/${group.id}`)
    expect(detail.actionPlan.resultIndicators.length).toBeGreaterThan(0)
    expect(detail.meetings).toHaveLength(2)
    expect(
      detail.meetings.every(
        (m: { attendance: unknown[]; notes: unknown[] }) => m.attendance.length > 0 && m.notes.length > 0,
      ),
    ).toBe(true)
    const members = await get('/api/members')
    expect(members.find((m: { memberId: string }) => m.memberId === group.leader)?.name).toBe(
      'Pak Dedi Kurniawan',
    )
    const [groupDecision] = await get(`/api/decisions?groupId=${group.id}`)
    expect(groupDecision.links[0]).toMatchObject({
      kind: 'group',
      groupMeetingId: detail.meetings[1].meetingId,
    })
    const forum = await get('/api/forum/2026-03')
    expect(forum.reports.map((r: { groupId: string }) => r.groupId)).toEqual([group.id])

    const [review] = await get('/api/item-reviews')
    expect(review).toMatchObject({ subject: 'Biologi', finished: false })
    const items = (await get(`/api/item-reviews/${review.id}`)) as {
      items: { itemId: string; status: string; comments: unknown[] }[]
      texts: Record<string, string>
    }
    expect(items.items.map((item) => item.status)).toEqual(['agreed', 'agreed', 'revise', 'dropped', 'draft'])
    expect(items.items.every((item) => item.comments.length > 0)).toBe(true)
    expect(items.texts[items.items[1]?.itemId ?? '']).toMatch(/anaerob\)$/)
    const [study] = await get('/api/research')
    expect(study.results.map((r: { average: number }) => r.average)).toEqual([42.29, 53.48, 65.08])
    expect(study.visibility).toBe('own')
    expect(study.results.map((r: { scores: { score: number }[] }) => r.scores.map((s) => s.score))).toEqual([
      [35.75],
      [46.75],
      [53.5],
    ])
    const principal = await post<Session>(server.httpUrl, '/api/auth/login', {
      email: 'kartini@demo.sch.id',
      password: seeded.password,
    })
    const asPrincipal = await (
      await fetch(`${server.httpUrl}/api/research/${study.id}`, {
        headers: { authorization: `Bearer ${principal.token}` },
      })
    ).json()
    expect(asPrincipal.results[2].scores.map((s: { category: string }) => s.category)).toEqual([
      'cukup',
      'cukup',
      'cukup',
      'cukup',
      'baik',
      'baik',
    ])
    expect(asPrincipal.cycles[1].dataSteps.teach.evidence).toEqual({ kind: 'plan', planId: plans[0].id })
  })
})
