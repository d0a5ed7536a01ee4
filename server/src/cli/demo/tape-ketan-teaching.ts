import { teachingPrep } from '@rembuk/collab'
import type { EventStore } from '@rembuk/event-store'
import type { DocReader } from '../../documents/doc-reader.js'
import { type DemoMember, editAs } from './doc-edits.js'
import type { Post } from './protocol-meeting.js'

interface LessonView {
  lessonId: string
  tasks: { taskId: string; memberId: string; text: string }[]
}
interface TeachingView {
  id: string
  docId: string
  lessons: LessonView[]
}

/**
 * Bu Sari (Matematika) and Pak Budi (Kimia) team-teach the tape ketan lesson in XI IPA 2, one teaching and one
 * observing: their shared preparation, the first lesson with both task lanes, planned versus actual and both
 * reflections with an agreed conclusion, and the second lesson with the roles swapped.
 */
export async function teachTapeKetanTogether(
  post: Post,
  store: EventStore,
  reader: DocReader,
  cast: { maths: DemoMember; chemistry: DemoMember },
): Promise<void> {
  const { maths: sari, chemistry: budi } = cast
  const teaching = await post<TeachingView>(
    '/api/team-teaching',
    {
      title: 'Tape ketan: susut berat dan suhu fermentasi',
      className: 'XI IPA 2',
      subjects: ['Matematika', 'Kimia'],
      model: 'one-teach-one-observe',
      teachers: [sari.user.memberId, budi.user.memberId],
    },
    sari.token,
  )
  await editAs(store, reader, teaching.docId, sari, (doc) => {
    const text = teachingPrep(doc)
    const goals = 'Tujuan pembelajaran:\n'
    text.insert(
      text.toString().indexOf(goals) + goals.length,
      'Siswa menghitung persentase susut berat beras ketan dan mengaitkannya dengan suhu fermentasi.\n',
    )
  })
  await editAs(store, reader, teaching.docId, budi, (doc) => {
    const text = teachingPrep(doc)
    const tools = 'Alat dan bahan:\n'
    text.insert(
      text.toString().indexOf(tools) + tools.length,
      'Beras ketan 1 kg, ragi tape, dua timbangan digital, termometer, wadah tertutup.\n',
    )
  })

  const path = `/api/team-teaching/${teaching.id}`
  const time = { start: '07:30', end: '09:00', place: 'Laboratorium kimia' }
  const scheduled = await post<TeachingView>(`${path}/lessons`, { date: '2026-04-13', ...time }, sari.token)
  const first = `${path}/lessons/${scheduled.lessons[0]?.lessonId}`
  const tasks = [
    { by: sari, stage: 'before', text: 'Menyiapkan lembar kerja persentase susut berat' },
    { by: sari, stage: 'during', text: 'Memandu siswa menimbang beras sebelum fermentasi' },
    { by: sari, stage: 'after', text: 'Merekap hasil timbangan tiap kelompok' },
    { by: budi, stage: 'before', text: 'Menyiapkan termometer dan wadah' },
    { by: budi, stage: 'during', text: 'Mengamati keterlibatan siswa dengan lembar pengamatan' },
    { by: budi, stage: 'after', text: 'Menyampaikan catatan pengamatan kepada Bu Sari' },
  ] as const
  let lesson: LessonView | undefined
  for (const task of tasks) {
    const answer = await post<TeachingView>(
      `${first}/tasks`,
      { memberId: task.by.user.memberId, stage: task.stage, text: task.text },
      sari.token,
    )
    lesson = answer.lessons[0]
  }
  for (const task of lesson?.tasks ?? []) {
    const owner = task.memberId === sari.user.memberId ? sari : budi
    await post(`${first}/tasks/${task.taskId}/done`, { done: true }, owner.token)
  }
  const planned = {
    opening: 'Apersepsi: siapa yang pernah membuat tape? Tujuan pelajaran.',
    core: 'Kelompok menimbang beras ketan, mencampur ragi, mencatat suhu wadah.',
    closing: 'Menghitung persentase susut berat sementara dan menyimpulkan.',
  }
  for (const [phase, text] of Object.entries(planned))
    await post(`${first}/phases`, { phase, aspect: 'planned', text }, sari.token)
  await post(`${first}/taught`, {}, sari.token)
  const actual = {
    opening: 'Berjalan sesuai rencana; banyak siswa pernah melihat tape dibuat di rumah.',
    core: 'Satu timbangan rusak, kelompok bergantian sehingga waktu inti molor 15 menit.',
    closing: 'Perhitungan persentase dipindah menjadi tugas rumah.',
  }
  for (const [phase, text] of Object.entries(actual))
    await post(`${first}/phases`, { phase, aspect: 'actual', text }, budi.token)
  await post(
    `${first}/reflection`,
    { text: 'Siswa antusias menimbang, tetapi antre terlalu lama; penutup jadi terburu-buru.' },
    sari.token,
  )
  await post(
    `${first}/reflection`,
    {
      text: 'Dua kelompok di belakang kurang terlibat saat menunggu timbangan; perlu tugas sambil menunggu.',
    },
    budi.token,
  )
  await post(
    `${first}/conclusion`,
    {
      text: 'Siapkan dua timbangan dan lembar tugas tunggu; Pak Budi mengajar pelajaran kedua tentang suhu.',
    },
    budi.token,
  )
  await post(`${first}/conclusion/agree`, {}, sari.token)
  await post(`${path}/lessons`, { date: '2026-04-20', ...time }, budi.token)
}
