import { lessonPlan } from '@rembuk/collab'
import { createEvent, DocUpdated, docStream } from '@rembuk/domain'
import type { EventStore } from '@rembuk/event-store'
import * as Y from 'yjs'
import { createApp } from '../app.js'
import { configFromEnvironment } from '../config/app-config.js'
import { DocReader } from '../documents/doc-reader.js'
import { EVENT_STORE } from '../store/store.module.js'

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

interface Session {
  token: string
  user: { memberId: string; name: string }
}

const emailOf = (name: string) => `${name.split(' ')[1]?.toLowerCase()}@${domain}`

/**
 * Seeds a demo school through the server's own API: a principal, six teachers of the tape ketan subjects, a
 * coach and a supervisor; the tape ketan activity map; and a joint plan in progress with its first content.
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
    await call(
      '/api/maps',
      {
        title: 'Proyek tape ketan kelas XI',
        template: 'tape-ketan',
        team: teachers.map((t) => t.user.memberId),
      },
      sari.token,
    )
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
    await writePlanContent(app.get<EventStore>(EVENT_STORE), app.get(DocReader), plan.docId, budi)
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

/** The plan's first words, written as the teachers would have typed them into the fields the plan starts with. */
async function writePlanContent(
  store: EventStore,
  reader: DocReader,
  docId: string,
  author: Session,
): Promise<void> {
  const { doc, revision } = await reader.load(docId)
  const before = Y.encodeStateVector(doc)
  const plan = lessonPlan(doc)
  const write = (fragment: Y.XmlFragment, lines: string[]) => {
    const [first, ...rest] = lines
    const start = fragment.get(0)
    if (start instanceof Y.XmlElement && first) start.insert(0, [new Y.XmlText(first)])
    fragment.push(
      rest.map((text) => {
        const element = new Y.XmlElement('paragraph')
        element.insert(0, [new Y.XmlText(text)])
        return element
      }),
    )
  }
  write(plan.part('goals'), [
    'Siswa menghitung persentase susut berat beras ketan setelah fermentasi.',
    'Siswa menjelaskan peran ragi dan perubahan suhu selama fermentasi.',
  ])
  write(plan.stepNotes('competencies'), ['Berpikir kritis, bekerja sama, berwirausaha.'])
  const update = Y.encodeStateAsUpdate(doc, before)
  doc.destroy()
  const metadata = { actorId: author.user.memberId, actorName: author.user.name }
  const event = createEvent(DocUpdated, { docId, updates: 1, bytes: update.byteLength }, metadata, update)
  await store.append(docStream(docId), [event], revision ?? 'no_stream')
}

seed().catch((error: Error) => {
  console.error(
    error.message.includes('409') ? 'This workspace already has a school; nothing was seeded.' : error,
  )
  process.exit(1)
})
