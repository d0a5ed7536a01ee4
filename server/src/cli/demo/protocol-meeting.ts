import { activityMap } from '@rembuk/collab'
import type { EventStore } from '@rembuk/event-store'
import type { DocReader } from '../../documents/doc-reader.js'
import { type DemoMember, editAs } from './doc-edits.js'

export type Post = <T>(path: string, body: unknown, token?: string) => Promise<T>

interface Cast {
  principal: DemoMember
  /** By subject: the teachers of the tape ketan map. */
  maths: DemoMember
  chemistry: DemoMember
  economics: DemoMember
  biology: DemoMember
  others: DemoMember[]
  absent: DemoMember
}

/**
 * The March protocol meeting of the demo school: its agenda, who came, and the decision to ferment for two
 * days instead of three, with a disagreement, a block, the principal's mediation, the outcome, and the map
 * changes made because of it.
 */
export async function holdProtocolMeeting(
  post: Post,
  store: EventStore,
  reader: DocReader,
  map: { id: string; docId: string },
  cast: Cast,
): Promise<void> {
  const { principal, maths, chemistry, economics, biology } = cast
  const meeting = await post<{ id: string }>(
    '/api/meetings',
    { kind: 'protocol', title: 'Rapat protokol Maret', date: '2026-03-12' },
    principal.token,
  )
  const path = `/api/meetings/${meeting.id}`
  for (const member of [principal, maths, chemistry, economics, biology, ...cast.others]) {
    await post(`${path}/attendance`, { memberId: member.user.memberId, present: true }, principal.token)
  }
  await post(`${path}/attendance`, { memberId: cast.absent.user.memberId, present: false }, principal.token)
  await post(
    `${path}/notes`,
    {
      agendaKey: 'a',
      text: 'Peta kegiatan tape ketan sudah lengkap enam mapel; uji coba fermentasi di kelas XI-2.',
    },
    principal.token,
  )
  await post(
    `${path}/notes`,
    { agendaKey: 'b', text: 'Praktik tape ketan minggu kedua April; pengamatan suhu tiap pagi.' },
    principal.token,
  )

  const lanes = (await reader.load(map.docId)).doc
  const kimia = activityMap(lanes)
    .toJson()
    .lanes.find((lane) => lane.subject.startsWith('Kimia'))
  lanes.destroy()
  const decision = await post<{ id: string; options: { optionId: string; text: string }[] }>(
    '/api/decisions',
    {
      title: 'Fermentasi dua hari, bukan tiga',
      text: 'Pada uji coba, tape sudah matang pada hari kedua dan suhu turun setelahnya. Jadwal pengamatan cukup dua hari.',
      meetingId: meeting.id,
      agendaKey: 'c',
      links: [
        { kind: 'map', mapId: map.id },
        ...(kimia ? [{ kind: 'map-lane', mapId: map.id, laneId: kimia.id }] : []),
      ],
    },
    chemistry.token,
  )
  const decided = `/api/decisions/${decision.id}`
  const twoDays = await post<{ options: { optionId: string; text: string }[] }>(
    `${decided}/options`,
    { text: 'Dua hari' },
    chemistry.token,
  )
  await post(`${decided}/options`, { text: 'Tetap tiga hari' }, biology.token)
  const stance = (member: DemoMember, position: string, reason: string) =>
    post(`${decided}/positions`, { position, reason }, member.token)
  await stance(chemistry, 'agree', 'Data suhu mendukung.')
  await stance(maths, 'agree', 'Selisih berat tetap dapat dihitung.')
  await stance(economics, 'disagree', 'Harga jual dihitung untuk tiga hari produksi.')
  await stance(biology, 'block', 'Ragi butuh tiga hari agar rasa tape stabil.')
  await post(
    `${decided}/mediation`,
    {
      text: 'Uji coba dua hari di satu kelas dulu; Biologi mengamati rasa dan aroma, Ekonomi menyesuaikan biaya.',
    },
    principal.token,
  )
  await stance(economics, 'agree', 'Biaya justru turun bila dua hari.')
  await stance(biology, 'abstain', 'Setuju diuji coba, dengan pengamatan rasa.')
  const option = twoDays.options.find((o) => o.text === 'Dua hari')
  await post(
    `${decided}/outcome`,
    {
      outcome: 'accepted',
      ...(option ? { optionId: option.optionId } : {}),
      rationale: 'Data suhu dan uji coba kelas XI-2; keberatan Biologi dijawab dengan pengamatan rasa.',
      reviewDate: '2026-04-30',
    },
    principal.token,
  )

  const revision = await editAs(store, reader, map.docId, chemistry, (doc) => {
    const activity = activityMap(doc)
    const description = activity.toJson().activity.description
    activity.setActivityField('description', description.replace('tiga hari', 'dua hari'))
    if (kimia) activity.laneText(kimia.id, 'schedule')?.insert(0, 'Hari 1-2, pagi')
  })
  await post(
    `${decided}/changes`,
    { docId: map.docId, revision, note: 'Lama fermentasi dan jadwal Kimia disesuaikan.' },
    chemistry.token,
  )
  await post(`${path}/close`, {}, principal.token)
}
