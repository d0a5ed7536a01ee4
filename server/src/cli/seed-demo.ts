import type { EventStore } from '@rembuk/event-store'
import { createApp } from '../app.js'
import { configFromEnvironment } from '../config/app-config.js'
import { DocReader } from '../documents/doc-reader.js'
import { EVENT_STORE } from '../store/store.module.js'
import { runActionResearch } from './demo/action-research.js'
import { announceFermentationChange } from './demo/activity-change.js'
import type { DemoMember } from './demo/doc-edits.js'
import { reviewMidSemesterItems } from './demo/item-review.js'
import { runLearningGroup } from './demo/learning-group.js'
import { writePlanContent } from './demo/plan-content.js'
import { holdProtocolMeeting } from './demo/protocol-meeting.js'
import { buildTapeKetanMap } from './demo/tape-ketan-map.js'
import { teachTapeKetanTogether } from './demo/tape-ketan-teaching.js'
import { recordWalkthroughs } from './demo/walkthroughs.js'

const password = 'rembuk-demo-2026'
const domain = 'demo.sch.id'
const people = [
  { name: 'Bu Sari Wulandari', role: 'teacher', subject: 'Matematika' },
  { name: 'Pak Budi Santoso', role: 'teacher', subject: 'Kimia' },
  { name: 'Bu Wati Lestari', role: 'teacher', subject: 'Ekonomi' },
  { name: 'Pak Dedi Kurniawan', role: 'teacher', subject: 'Bahasa Indonesia' },
  { name: 'Bu Rina Maharani', role: 'teacher', subject: 'Bahasa Inggris' },
  { name: 'Pak Agus Pratama', role: 'teacher', subject: 'Biologi' },
  { name: 'Bu Maya Anggraini', role: 'coach', subject: null },
  { name: 'Pak Hendra Wijaya', role: 'supervisor', subject: null },
] as const

type Session = DemoMember

const emailOf = (name: string) => `${name.split(' ')[1]?.toLowerCase()}@${domain}`

/**
 * Seeds a demo school through the server's own API: a principal, six teachers of the tape ketan subjects, a
 * coach and a supervisor; the tape ketan activity map, built lane by lane by its teachers; the March protocol
 * meeting that decided to ferment for two days, the map change made because of it and its announcement to
 * every lane (some reviewed, some not yet); a joint plan in progress with its first content; Bu Sari and Pak
 * Budi team-teaching the tape ketan lesson in XI IPA 2; the April classroom walkthroughs, one loop followed
 * up and one open; the MGMP of the tape ketan teachers led by Pak Dedi, with its meetings, a decision and its
 * March report; the item review of the mid-semester Biology test; and a school action research in three
 * cycles with the scores of the SDN Lulut 2 study.
 * Only into a workspace that has no school yet.
 */
async function seed(): Promise<void> {
  const config = {
    ...configFromEnvironment(process.env),
    port: 0,
    host: '127.0.0.1',
    logLevel: 'warn' as const,
  }
  const app = await createApp(config)
  await app.listen(0, '127.0.0.1')
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`
  const call = async <T>(path: string, body: unknown, token?: string): Promise<T> => {
    const response = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    })
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`)
    return (await response.json()) as T
  }
  try {
    const principal = await call<Session>('/api/setup', {
      schoolName: 'SMA Negeri Contoh Rembuk',
      name: 'Bu Kartini Hadi',
      email: `kartini@${domain}`,
      password,
    })
    const members: Session[] = []
    for (const person of people) {
      const { invitation } = await call<{ invitation: { code: string } }>(
        '/api/members',
        { name: person.name, email: emailOf(person.name), role: person.role },
        principal.token,
      )
      members.push(await call<Session>('/api/auth/accept-invitation', { code: invitation.code, password }))
    }
    const teachers = members.slice(0, 6)
    const [sari, budi] = teachers as [Session, Session]
    const store = app.get<EventStore>(EVENT_STORE)
    const reader = app.get(DocReader)
    const map = await call<{ id: string; docId: string }>(
      '/api/maps',
      { title: 'Proyek tape ketan kelas XI', team: teachers.map((t) => t.user.memberId) },
      sari.token,
    )
    const teacherOf = (subject: string) =>
      teachers[people.findIndex((p) => p.subject && subject.startsWith(p.subject))] ?? sari
    await buildTapeKetanMap(store, reader, map.docId, teacherOf)
    await holdProtocolMeeting(call, store, reader, map, {
      principal,
      maths: teacherOf('Matematika'),
      chemistry: teacherOf('Kimia'),
      economics: teacherOf('Ekonomi'),
      biology: teacherOf('Biologi'),
      others: [teacherOf('Bahasa Indonesia'), teacherOf('Bahasa Inggris'), members[6] as Session],
      absent: members[7] as Session,
    })
    await announceFermentationChange(call, map.id, {
      chemistry: teacherOf('Kimia'),
      reviewers: [
        { member: teacherOf('Matematika'), subject: 'Matematika' },
        { member: teacherOf('Biologi'), subject: 'Biologi' },
      ],
    })
    const plan = await call<{ id: string; docId: string }>(
      '/api/plans',
      {
        title: 'Rencana bersama: membuat tape ketan',
        grade: 'XI',
        subjects: people.filter((p) => p.subject).map((p) => p.subject as string),
        team: teachers.slice(1).map((t) => t.user.memberId),
      },
      sari.token,
    )
    await call(`/api/plans/${plan.id}/step`, { to: 'indicators' }, sari.token)
    await writePlanContent(store, reader, plan.docId, budi)
    await teachTapeKetanTogether(call, store, reader, {
      maths: teacherOf('Matematika'),
      chemistry: teacherOf('Kimia'),
    })
    await recordWalkthroughs(app, {
      biology: teacherOf('Biologi'),
      economics: teacherOf('Ekonomi'),
      chemistry: teacherOf('Kimia'),
      maths: teacherOf('Matematika'),
    })
    await runLearningGroup(call, {
      principal,
      leader: teacherOf('Bahasa Indonesia'),
      teachers,
      coach: members[6] as Session,
    })
    await reviewMidSemesterItems(call, store, reader, {
      biology: teacherOf('Biologi'),
      chemistry: teacherOf('Kimia'),
      maths: teacherOf('Matematika'),
    })
    await runActionResearch(
      call,
      { principal, coach: members[6] as Session, teachers },
      { mapId: map.id, planId: plan.id },
    )
    console.log(
      JSON.stringify({
        seeded: 'SMA Negeri Contoh Rembuk',
        password,
        principal: `kartini@${domain}`,
        members: people.map((p) => ({ email: emailOf(p.name), role: p.role })),
      }),
    )
  } finally {
    await app.close()
  }
}

seed().catch((error: Error) => {
  console.error(
    error.message.includes('409') ? 'This workspace already has a school; nothing was seeded.' : error,
  )
  process.exit(1)
})
