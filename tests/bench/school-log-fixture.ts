import { statSync } from 'node:fs'
import { join } from 'node:path'
import {
  activityTemplates,
  applyTemplate,
  laneTextFields,
  lessonPlanRoots,
  startLessonPlan,
} from '@rembuk/collab'
import {
  type ActivityMapRecord,
  createEvent,
  createEventOf,
  DocUpdated,
  decideMap,
  decidePlan,
  docStream,
  type EventMetadata,
  evolveMap,
  evolvePlan,
  type MapCommand,
  MemberInvited,
  mapEventDefinitions,
  mapStream,
  type Plan,
  type PlanCommand,
  planEventDefinitions,
  planSteps,
  planStream,
  type Role,
  SchoolSetUp,
  schoolStream,
  type TeamActor,
} from '@rembuk/domain'
import { type NewEvent, SqliteEventStore, SqliteSnapshotStore } from '@rembuk/event-store'
import * as Y from 'yjs'
import { type Session, setUpSchool } from '../support/school.js'
import { startServerProcess } from '../support/server-process.js'

/**
 * A school's whole log, as a year of use would leave it: most events are keystrokes in the documents of many
 * plans and maps, between them the plans' and maps' own events (created, team changes, steps, submission,
 * feedback, approval, archiving), and a second school's plans and maps in the same file.
 */
export interface SchoolLogOptions {
  dataDir: string
  /** Events in the log when done (the school's set-up through the API included). */
  events: number
  plans?: number
  maps?: number
  /** Plans and maps of a second school, which the first school's views must leave out. */
  otherPlans?: number
  otherMaps?: number
  /** The log's events are spread evenly over this many days, starting when the fixture is written. */
  spanDays?: number
  snapshotEvery?: number
}

export interface SchoolLog {
  principal: Session
  schoolId: string
  otherSchoolId: string
  /** The head position: how many events the log holds. */
  events: number
  docUpdates: number
  planEvents: number
  mapEvents: number
  schoolEvents: number
  plans: { school: number; other: number }
  maps: { school: number; other: number }
  snapshots: number
  /** When the log's first and last events were recorded (`created`). */
  firstAt: string
  lastAt: string
  fileBytes: number
  seconds: number
}

interface Member {
  memberId: string
  name: string
  role: Role
}

interface SchoolModel {
  schoolId: string
  principal: Member
  teachers: Member[]
  actor(member: Member): TeamActor
}

interface LiveDoc {
  docId: string
  doc: Y.Doc
  revision: bigint
  sinceSnapshot: number
  /** The Yjs client id each member types with in this document. */
  clients: Map<string, number>
  captured: Uint8Array[]
}

interface Aggregate {
  kind: 'plan' | 'map'
  id: string
  docId: string
  school: SchoolModel
  creator: Member
  revision: bigint | undefined
  state: Plan | ActivityMapRecord | undefined
  doc: LiveDoc | undefined
}

interface Milestone {
  at: number
  /** How many events it writes. */
  events: number
  run(): Promise<void>
}

const sentence =
  'Peserta didik mengamati fermentasi tape ketan, mengukur suhu dan berat beras, menghitung persentase ' +
  'biaya dan harga jual, lalu menuliskan laporan singkat tentang peran ragi dan mikroba. '
const day = 24 * 3600 * 1000

export async function writeSchoolLog(options: SchoolLogOptions): Promise<SchoolLog> {
  const started = performance.now()
  const target = options.events
  const spanMs = (options.spanDays ?? 180) * day
  const snapshotEvery = options.snapshotEvery ?? 200
  let seed = 7
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed / 2147483648
  }
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T

  // The school, its principal and its teachers, through the API as on a real first run.
  const server = await startServerProcess(options.dataDir)
  let principal: Session
  const sessions: Session[] = []
  try {
    const school = await setUpSchool(server.httpUrl)
    principal = school.principal
    const names = [
      'Bu Sari',
      'Pak Budi',
      'Bu Wati',
      'Pak Joko',
      'Bu Rina',
      'Pak Dedi',
      'Bu Lestari',
      'Pak Agus',
    ]
    for (const name of names) sessions.push(await school.member('teacher', name))
  } finally {
    await server.stop()
  }
  const asMember = (s: Session): Member => ({
    memberId: s.user.memberId,
    name: s.user.name,
    role: s.user.role as Role,
  })
  const schoolA = schoolModel(principal.user.schoolId, asMember(principal), sessions.map(asMember))

  const file = join(options.dataDir, 'rembuk.db')
  const store = SqliteEventStore.open(file)
  const snapshots = SqliteSnapshotStore.open(file)
  const counts = { docUpdates: 0, planEvents: 0, mapEvents: 0, schoolEvents: 0, snapshots: 0 }
  let written = Number(await store.headPosition())
  const firstAt = (await first(store.readAll({ max: 1 })))?.created ?? new Date()

  // The store stamps each append with Date.now(): while writing, that clock runs from the end of the set-up
  // through `spanDays`, in step with the share of the log written so far.
  const realNow = Date.now
  const startMs = realNow()
  let clock = startMs
  const tick = () => {
    clock = Math.max(clock + 1, startMs + Math.floor((spanMs * written) / target))
  }
  Date.now = () => clock

  const metadataOf = (school: SchoolModel, member: Member): EventMetadata => ({
    actorId: member.memberId,
    actorName: member.name,
    schoolId: school.schoolId,
  })

  try {
    // A second school in the same file, written as its domain events.
    const otherId = 'sk_bench-sekolah-lain'
    const otherPrincipal: Member = {
      memberId: 'm_bench-lain-kepala',
      name: 'Pak Kepala Lain',
      role: 'principal',
    }
    const otherTeachers: Member[] = ['Bu Ani', 'Pak Eko', 'Bu Tuti', 'Pak Hadi'].map((name, i) => ({
      memberId: `m_bench-lain-guru-${i}`,
      name,
      role: 'teacher',
    }))
    const schoolB = schoolModel(otherId, otherPrincipal, otherTeachers)
    const setUp = [
      createEvent(
        SchoolSetUp,
        {
          schoolId: otherId,
          name: 'SMA Negeri 2 Contoh',
          principal: {
            memberId: otherPrincipal.memberId,
            name: otherPrincipal.name,
            email: 'kepala@lain.sch.id',
          },
        },
        metadataOf(schoolB, otherPrincipal),
      ),
      ...otherTeachers.map((t, i) =>
        createEvent(
          MemberInvited,
          { memberId: t.memberId, name: t.name, email: `guru${i}@lain.sch.id`, role: 'teacher' },
          metadataOf(schoolB, otherPrincipal),
        ),
      ),
    ]
    tick()
    await store.append(schoolStream(otherId), setUp, 'no_stream')
    written += setUp.length
    counts.schoolEvents += setUp.length

    const aggregates: Aggregate[] = []
    const milestones: Milestone[] = []
    const openDocs: Aggregate[] = []

    /** An aggregate's commands at random moments between its creation and the end of the log, in order. */
    const schedule = (
      aggregate: Aggregate,
      steps: (() => [Member, PlanCommand | MapCommand])[],
      from: number,
    ) => {
      const times = steps.map(() => from + random() * (0.995 - from)).sort((a, b) => a - b)
      for (const [i, step] of steps.entries()) {
        milestones.push({
          at: times[i] as number,
          events: 1,
          run: () => {
            const [by, cmd] = step()
            return command(aggregate, by, cmd)
          },
        })
      }
    }

    const appendOwn = async (aggregate: Aggregate, events: NewEvent[]) => {
      tick()
      const stream = aggregate.kind === 'plan' ? planStream(aggregate.id) : mapStream(aggregate.id)
      const result = await store.append(stream, events, aggregate.revision ?? 'no_stream')
      aggregate.revision = result.nextExpectedRevision
      written += events.length
      if (aggregate.kind === 'plan') counts.planEvents += events.length
      else counts.mapEvents += events.length
    }

    const appendDoc = async (live: LiveDoc, events: NewEvent[]) => {
      tick()
      const result = await store.append(
        docStream(live.docId),
        events,
        live.revision < 0n ? 'no_stream' : live.revision,
      )
      live.revision = result.nextExpectedRevision
      written += events.length
      counts.docUpdates += events.length
      live.sinceSnapshot += events.length
      if (live.sinceSnapshot >= snapshotEvery) {
        live.sinceSnapshot = 0
        await snapshots.save({
          key: live.docId,
          revision: live.revision,
          state: Y.encodeStateAsUpdate(live.doc),
        })
        counts.snapshots += 1
      }
    }

    const clientOf = (live: LiveDoc, member: Member) => {
      let client = live.clients.get(member.memberId)
      if (client === undefined) {
        client = 1 + Math.floor(random() * 2 ** 30)
        live.clients.set(member.memberId, client)
      }
      live.doc.clientID = client
      return client
    }

    /** A plan or map command decided by the domain, as the server would, and its events stored. */
    const command = async (aggregate: Aggregate, by: Member, cmd: PlanCommand | MapCommand) => {
      const actor = aggregate.school.actor(by)
      const metadata = metadataOf(aggregate.school, by)
      if (aggregate.kind === 'plan') {
        const decided = decidePlan(cmd as PlanCommand, aggregate.state as Plan | undefined, actor)
        const events = decided.map((e) => createEventOf(planEventDefinitions, e, metadata))
        await appendOwn(aggregate, events)
        for (const e of decided) aggregate.state = evolvePlan(aggregate.state as Plan | undefined, e)
      } else {
        const decided = decideMap(cmd as MapCommand, aggregate.state as ActivityMapRecord | undefined, actor)
        const events = decided.map((e) => createEventOf(mapEventDefinitions, e, metadata))
        await appendOwn(aggregate, events)
        for (const e of decided)
          aggregate.state = evolveMap(aggregate.state as ActivityMapRecord | undefined, e)
      }
      const open = isOpen(aggregate)
      const index = openDocs.indexOf(aggregate)
      if (open && index < 0) openDocs.push(aggregate)
      if (!open && index >= 0) openDocs.splice(index, 1)
    }

    const create = async (aggregate: Aggregate, team: Member[]) => {
      const teamIds = team.map((m) => m.memberId)
      const cmd: PlanCommand | MapCommand =
        aggregate.kind === 'plan'
          ? {
              type: 'CreatePlan',
              planId: aggregate.id,
              schoolId: aggregate.school.schoolId,
              docId: aggregate.docId,
              title: `Rencana bersama ${aggregate.id.slice(-4)}: fermentasi dan kewirausahaan`,
              grade: pick(['X', 'XI', 'XII']),
              subjects: ['Kimia', 'Matematika', 'Prakarya dan Kewirausahaan'],
              team: teamIds,
            }
          : {
              type: 'CreateMap',
              mapId: aggregate.id,
              schoolId: aggregate.school.schoolId,
              docId: aggregate.docId,
              title: `Peta kegiatan ${aggregate.id.slice(-4)}`,
              template: pick(activityTemplates).id,
              team: teamIds,
            }
      const doc = new Y.Doc()
      const live: LiveDoc = {
        docId: aggregate.docId,
        doc,
        revision: -1n,
        sinceSnapshot: 0,
        clients: new Map(),
        captured: [],
      }
      doc.on('update', (update: Uint8Array) => live.captured.push(update))
      aggregate.doc = live
      await command(aggregate, aggregate.creator, cmd)
      clientOf(live, aggregate.creator)
      if (aggregate.kind === 'plan') startLessonPlan(doc)
      else {
        const templateId = (aggregate.state as ActivityMapRecord).template
        const template = activityTemplates.find((t) => t.id === templateId)
        if (!template) throw new Error(`no map template ${templateId}`)
        applyTemplate(doc, template)
      }
      const content = Y.encodeStateAsUpdate(doc)
      live.captured = []
      const firstContent = createEvent(
        DocUpdated,
        { docId: aggregate.docId, updates: 1, bytes: content.byteLength },
        metadataOf(aggregate.school, aggregate.creator),
        content,
      )
      await appendDoc(live, [firstContent])
    }

    const planFor = (school: SchoolModel, n: number, createdAt: number) => {
      const id = `pl_bench-${school === schoolA ? 'a' : 'b'}${String(n).padStart(4, '0')}`
      const creator = pick(school.teachers)
      const team = [creator, ...school.teachers.filter((t) => t !== creator && random() < 0.25)].slice(0, 3)
      const aggregate: Aggregate = {
        kind: 'plan',
        id,
        docId: `rencana-${id}`,
        school,
        creator,
        revision: undefined,
        state: undefined,
        doc: undefined,
      }
      aggregates.push(aggregate)
      milestones.push({ at: createdAt, events: 2, run: () => create(aggregate, team) })
      const teamMember = () => {
        const ids = (aggregate.state as Plan).team
        return school.teachers.find((t) => ids.includes(t.memberId) && random() < 0.5) ?? creator
      }
      const steps: (() => [Member, PlanCommand])[] = []
      const outsider = school.teachers.find((t) => !team.includes(t))
      if (outsider && random() < 0.6)
        steps.push(() => [creator, { type: 'AddTeamMember', memberId: outsider.memberId }])
      const reached = 1 + Math.floor(random() * (planSteps.length - 1))
      for (const step of planSteps.slice(1, reached + 1))
        steps.push(() => [teamMember(), { type: 'MoveStep', to: step }])
      if (reached === planSteps.length - 1 && random() < 0.8) {
        steps.push(() => [teamMember(), { type: 'SubmitPlan', note: 'Mohon ditinjau' }])
        if (random() < 0.6) {
          steps.push(() => [
            school.principal,
            { type: 'GiveFeedback', feedback: 'Tambahkan rubrik penilaian.' },
          ])
          steps.push(() => [teamMember(), { type: 'SubmitPlan' }])
        }
        if (random() < 0.8) {
          steps.push(() => [school.principal, { type: 'ApprovePlan' }])
          if (random() < 0.2) {
            steps.push(() => [teamMember(), { type: 'StartRevision', reason: 'Jadwal praktikum berubah' }])
          }
        }
      }
      if (random() < 0.05) steps.push(() => [school.principal, { type: 'ArchivePlan' }])
      schedule(aggregate, steps, createdAt)
    }

    const mapFor = (school: SchoolModel, n: number, createdAt: number) => {
      const id = `pk_bench-${school === schoolA ? 'a' : 'b'}${String(n).padStart(4, '0')}`
      const creator = pick(school.teachers)
      const team = [creator, ...school.teachers.filter((t) => t !== creator && random() < 0.3)].slice(0, 4)
      const aggregate: Aggregate = {
        kind: 'map',
        id,
        docId: `peta-${id}`,
        school,
        creator,
        revision: undefined,
        state: undefined,
        doc: undefined,
      }
      aggregates.push(aggregate)
      milestones.push({ at: createdAt, events: 2, run: () => create(aggregate, team) })
      const steps: (() => [Member, MapCommand])[] = []
      const outsider = school.teachers.find((t) => !team.includes(t))
      if (outsider && random() < 0.7)
        steps.push(() => [creator, { type: 'AddTeamMember', memberId: outsider.memberId }])
      if (random() < 0.1) steps.push(() => [school.principal, { type: 'ArchiveMap' }])
      schedule(aggregate, steps, createdAt)
    }

    // Plans and maps start over the first 80% of the log, so that an early cut holds fewer of them.
    const spread = (n: number) => Array.from({ length: n }, () => random() * 0.8).sort((a, b) => a - b)
    for (const [n, at] of spread(options.plans ?? 200).entries()) planFor(schoolA, n, at)
    for (const [n, at] of spread(options.maps ?? 50).entries()) mapFor(schoolA, n, at)
    for (const [n, at] of spread(options.otherPlans ?? 20).entries()) planFor(schoolB, n, at)
    for (const [n, at] of spread(options.otherMaps ?? 5).entries()) mapFor(schoolB, n, at)
    milestones.sort((a, b) => a.at - b.at)
    let reserved = milestones.reduce((sum, m) => sum + m.events, 0)

    /** One member's burst of typing in one document: a keystroke per stored update, as the fixture of one document. */
    const burst = async (aggregate: Aggregate, keystrokes: number) => {
      const live = aggregate.doc as LiveDoc
      const teamIds = (aggregate.state as Plan | ActivityMapRecord).team
      const school = aggregate.school
      const writerId = pick(teamIds)
      const writer =
        [school.principal, ...school.teachers].find((m) => m.memberId === writerId) ?? aggregate.creator
      clientOf(live, writer)
      const text = typingTarget(live.doc, aggregate.kind, pick)
      let cursor = random() < 0.7 ? text.length : Math.floor(random() * (text.length + 1))
      let at = Math.floor(random() * sentence.length)
      const events: NewEvent[] = []
      const metadata = { ...metadataOf(school, writer), schemaVersion: DocUpdated.version }
      for (let k = 0; k < keystrokes; k++) {
        cursor = Math.min(cursor, text.length)
        if (random() < 0.1 && cursor > 0) {
          text.delete(cursor - 1, 1)
          cursor -= 1
        } else {
          text.insert(cursor, sentence[at % sentence.length] as string)
          at += 1
          cursor += 1
        }
        // The first keystroke in a fresh paragraph also carries the text it creates there.
        const update =
          live.captured.length === 1 ? (live.captured[0] as Uint8Array) : Y.mergeUpdates(live.captured)
        live.captured = []
        events.push({
          type: DocUpdated.type,
          data: { docId: live.docId, updates: 1, bytes: update.byteLength },
          payload: update,
          metadata,
        })
      }
      await appendDoc(live, events)
    }

    while (written < target || milestones.length > 0) {
      const next = milestones[0]
      const room = target - written - reserved
      if (next && (written >= next.at * target || room <= 0 || openDocs.length === 0)) {
        milestones.shift()
        reserved -= next.events
        await next.run()
        continue
      }
      if (room <= 0) break
      await burst(pick(openDocs), Math.min(room, 5 + Math.floor(random() * 56)))
    }

    const lastAt = new Date(clock)
    for (const aggregate of aggregates) aggregate.doc?.doc.destroy()
    const bySchool = (kind: 'plan' | 'map', school: SchoolModel) =>
      aggregates.filter((a) => a.kind === kind && a.school === school).length
    return {
      principal,
      schoolId: schoolA.schoolId,
      otherSchoolId: otherId,
      events: Number(await store.headPosition()),
      ...counts,
      plans: { school: bySchool('plan', schoolA), other: bySchool('plan', schoolB) },
      maps: { school: bySchool('map', schoolA), other: bySchool('map', schoolB) },
      firstAt: firstAt.toISOString(),
      lastAt: lastAt.toISOString(),
      fileBytes: statSync(file).size + walBytes(file),
      seconds: Math.round((performance.now() - started) / 100) / 10,
    }
  } finally {
    Date.now = realNow
    await snapshots.close()
    await store.close()
  }
}

function schoolModel(schoolId: string, principal: Member, teachers: Member[]): SchoolModel {
  const ids = new Set([principal.memberId, ...teachers.map((t) => t.memberId)])
  return {
    schoolId,
    principal,
    teachers,
    actor: (member) => ({ memberId: member.memberId, role: member.role, isMember: (id) => ids.has(id) }),
  }
}

function isOpen(aggregate: Aggregate): boolean {
  if (aggregate.kind === 'map') return !(aggregate.state as ActivityMapRecord | undefined)?.archived
  const status = (aggregate.state as Plan | undefined)?.status
  return status === 'planning' || status === 'changes-requested' || status === 'revising'
}

/** Where a burst types: a field's paragraph in a plan (its text made on the first keystroke), a lane's text in a map. */
function typingTarget(doc: Y.Doc, kind: 'plan' | 'map', pick: <T>(list: readonly T[]) => T): Y.Text {
  if (kind === 'map') {
    const lanes = doc.getMap<Y.Map<unknown>>('lanes')
    const lane = lanes.get(pick([...lanes.keys()])) as Y.Map<unknown>
    return lane.get(pick(laneTextFields)) as Y.Text
  }
  const paragraph = doc.getXmlFragment(pick(lessonPlanRoots)).get(0) as Y.XmlElement
  const existing = paragraph.get(0)
  if (existing instanceof Y.XmlText) return existing
  const text = new Y.XmlText()
  paragraph.insert(0, [text])
  return text
}

function walBytes(file: string): number {
  try {
    return statSync(`${file}-wal`).size
  } catch {
    return 0
  }
}

async function first<T>(events: AsyncIterable<T>): Promise<T | undefined> {
  for await (const event of events) return event
  return undefined
}
