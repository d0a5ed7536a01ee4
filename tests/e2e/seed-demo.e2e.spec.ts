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
