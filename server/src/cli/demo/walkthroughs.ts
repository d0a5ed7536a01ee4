import type { INestApplication } from '@nestjs/common'
import type { SessionMember } from '../../accounts/auth.decorators.js'
import { SchoolDirectory } from '../../schools/school-directory.js'
import { WalkthroughCommands } from '../../walkthroughs/walkthrough-commands.js'
import type { DemoMember } from './doc-edits.js'

interface Cast {
  biology: DemoMember
  economics: DemoMember
  chemistry: DemoMember
  maths: DemoMember
}

/** A moment of the demo's April, in Western Indonesia time. */
const on = (day: string, time = '10:00') => new Date(`2026-04-${day}T${time}:00+07:00`)

/**
 * The demo's classroom walkthroughs: Pak Agus (Biologi) observes Bu Wati (Ekonomi) in the tape ketan cost lesson,
 * with notes (one private), the conversation, both reflections and her commitment; two weeks later a second
 * walkthrough follows it up, closing the loop; and Pak Budi observes Bu Sari, whose commitment is still open.
 * They go through the walkthrough commands (the same rules as the API) so that each step carries its April day.
 */
export async function recordWalkthroughs(app: INestApplication, cast: Cast): Promise<void> {
  const commands = app.get(WalkthroughCommands)
  const schools = app.get(SchoolDirectory)
  const member = (demo: DemoMember): SessionMember => {
    const schoolId = demo.user.schoolId as string
    const known = schools.member(schoolId, demo.user.memberId)
    if (!known) throw new Error(`${demo.user.name} is not a member`)
    return { ...known, schoolId }
  }
  const agus = member(cast.biology)
  const wati = member(cast.economics)
  const budi = member(cast.chemistry)
  const sari = member(cast.maths)

  const first = await commands.propose(
    agus,
    {
      observer: agus.memberId,
      observed: wati.memberId,
      className: 'XI IPS 2',
      lessonAt: '2026-04-08T09:00',
      focuses: ['engagement', 'connection'],
    },
    on('06'),
  )
  const id = first.state.walkthroughId
  await commands.step(wati, id, { type: 'AgreeWalkthrough' })
  const notes = [
    [
      'engagement',
      8,
      'Setiap kelompok menimbang beras ketan dan ragi, lalu mencatat harga belinya di lembar biaya.',
      false,
    ],
    [
      'engagement',
      21,
      'Dua siswa di kelompok 3 hanya menonton; peran menghitung dipegang satu orang.',
      false,
    ],
    [
      'connection',
      34,
      'Siswa bertanya mengapa harga jual harus di atas biaya: pembelajaran terhubung dengan tujuan margin.',
      false,
    ],
    ['connection', 40, 'Untuk saya sendiri: di kelas Biologi saya juga jarang memberi waktu tunggu.', true],
  ] as const
  for (const [focus, minute, text, isPrivate] of notes)
    await commands.step(agus, id, { type: 'RecordNote', focus, minute, text, private: isPrivate })
  await commands.step(agus, id, { type: 'CompleteObservation' })
  await commands.step(agus, id, {
    type: 'NoteConversation',
    text: 'Menit ke-8 sampai 20 semua kelompok sibuk menimbang dan mencatat harga; menit ke-21 kelompok 3 bergantung pada satu penghitung.',
    question: 'Bagaimana jika setiap anggota kelompok memegang satu bagian perhitungan biaya?',
  })
  await commands.step(wati, id, {
    type: 'NoteConversation',
    text: 'Saya melihat harga ragi dan gula terlalu abstrak bagi siswa; mereka belum pernah membelinya sendiri.',
    question: '',
  })
  await commands.step(wati, id, {
    type: 'WriteReflection',
    text: 'Siswa paling hidup ketika menimbang. Perhitungan margin perlu harga yang mereka kenal dan peran yang dibagi.',
  })
  await commands.step(agus, id, {
    type: 'WriteReflection',
    text: 'Saya belajar cara Bu Wati mengaitkan fermentasi dengan biaya; akan saya pakai saat membahas ragi di Biologi.',
  })
  await commands.step(
    wati,
    id,
    {
      type: 'CommitFollowUp',
      text: 'Membawa daftar harga dari pasar dekat sekolah dan membagi peran penghitung biaya kepada setiap anggota kelompok.',
      by: '2026-04-22',
    },
    on('09'),
  )

  const second = await commands.propose(
    agus,
    {
      observer: agus.memberId,
      observed: wati.memberId,
      className: 'XI IPS 2',
      lessonAt: '2026-04-22T09:00',
      focuses: ['engagement', 'goal-fit'],
      followsUp: id,
    },
    on('20'),
  )
  const next = second.state.walkthroughId
  await commands.step(wati, next, { type: 'AgreeWalkthrough' })
  await commands.step(agus, next, {
    type: 'RecordNote',
    focus: 'engagement',
    minute: 10,
    text: 'Setiap anggota kelompok memegang satu harga dari daftar pasar; kelompok 3 kini berdiskusi bersama.',
    private: false,
  })

  const open = await commands.propose(
    sari,
    {
      observer: budi.memberId,
      observed: sari.memberId,
      className: 'XI IPA 1',
      lessonAt: '2026-04-15T07:30',
      focuses: ['goal-fit', 'strategy'],
    },
    on('13'),
  )
  const openId = open.state.walkthroughId
  await commands.step(budi, openId, { type: 'AgreeWalkthrough' })
  await commands.step(budi, openId, {
    type: 'RecordNote',
    focus: 'goal-fit',
    minute: 15,
    text: 'Siswa menghitung persentase susut berat beras sebelum dan sesudah fermentasi, sesuai tujuan pembelajaran.',
    private: false,
  })
  await commands.step(budi, openId, { type: 'CompleteObservation' })
  await commands.step(sari, openId, {
    type: 'WriteReflection',
    text: 'Langkah menghitung persentase terlalu cepat untuk sebagian siswa.',
  })
  await commands.step(budi, openId, {
    type: 'WriteReflection',
    text: 'Data suhu dari Kimia bisa menjadi soal persentase berikutnya.',
  })
  await commands.step(
    sari,
    openId,
    {
      type: 'CommitFollowUp',
      text: 'Memberi contoh persentase susut dengan data timbangan kelas sendiri sebelum latihan.',
      by: '2026-04-29',
    },
    on('16'),
  )
}
