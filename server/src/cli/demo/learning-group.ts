import type { DemoMember } from './doc-edits.js'
import type { Post } from './protocol-meeting.js'

interface Cast {
  principal: DemoMember
  leader: DemoMember
  teachers: DemoMember[]
  coach: DemoMember
}

interface GroupAnswer {
  id: string
  meetings: { meetingId: string; date: string }[]
}

/**
 * The MGMP of the tape ketan teachers, led by Pak Dedi: its action plan, two meetings with attendance and
 * notes, a decision raised in the second meeting, and its report to the March forum.
 */
export async function runLearningGroup(post: Post, cast: Cast): Promise<void> {
  const { principal, leader, teachers, coach } = cast
  const [maths, chemistry, economics, , , biology] = teachers as [
    DemoMember,
    DemoMember,
    DemoMember,
    DemoMember,
    DemoMember,
    DemoMember,
  ]
  const group = await post<GroupAnswer>(
    '/api/groups',
    {
      name: 'MGMP guru proyek tape ketan',
      kind: 'mgmp',
      basis: 'subject',
      focus: 'Proyek lintas mapel kelas XI',
      members: [...teachers, coach].map((member) => member.user.memberId),
      leader: leader.user.memberId,
    },
    principal.token,
  )
  const path = `/api/groups/${group.id}`
  await post(
    `${path}/action-plan`,
    {
      purpose: 'Menyusun satu rubrik penilaian proyek tape ketan yang dipakai keenam mapel.',
      processIndicators: [
        'Kelompok bertemu dua kali sebulan',
        'Setiap guru membawa hasil belajar siswa dari mapelnya',
      ],
      resultIndicators: ['Rubrik bersama selesai dan dipakai enam mapel', 'Nilai proyek siswa naik dari PTS'],
      responsible: maths.user.memberId,
      start: '2026-03-01',
      end: '2026-05-31',
      milestones: [
        { date: '2026-03-19', text: 'Draf rubrik dibahas' },
        { date: '2026-04-30', text: 'Rubrik diuji coba di kelas XI-2' },
      ],
      resources: 'Ruang guru, data nilai PTS, contoh rubrik dari pengawas',
    },
    leader.token,
  )
  const first = await post<GroupAnswer>(
    `${path}/meetings`,
    { date: '2026-03-05', time: '13:30', place: 'Ruang guru', topic: 'Analisis hasil belajar proyek' },
    leader.token,
  )
  const second = await post<GroupAnswer>(
    `${path}/meetings`,
    { date: '2026-03-19', time: '13:30', place: 'Laboratorium IPA', topic: 'Draf rubrik bersama' },
    leader.token,
  )
  const meetingOne = first.meetings[0]?.meetingId ?? ''
  const meetingTwo = second.meetings[1]?.meetingId ?? ''
  const attend = async (meetingId: string, present: DemoMember[], absent: DemoMember[], by: DemoMember) => {
    for (const member of present)
      await post(
        `${path}/meetings/${meetingId}/attendance`,
        { memberId: member.user.memberId, present: true },
        by.token,
      )
    for (const member of absent)
      await post(
        `${path}/meetings/${meetingId}/attendance`,
        { memberId: member.user.memberId, present: false },
        by.token,
      )
  }
  await attend(meetingOne, [...teachers], [coach], leader)
  await post(
    `${path}/meetings/${meetingOne}/notes`,
    { text: 'Nilai proyek Kimia dan Matematika paling rendah pada bagian laporan data suhu dan berat.' },
    leader.token,
  )
  await post(
    `${path}/meetings/${meetingOne}/notes`,
    { text: 'Siswa belum terbiasa menulis kesimpulan dari tabel; perlu contoh bersama.' },
    chemistry.token,
  )
  await attend(meetingTwo, [leader, maths, chemistry, biology, coach], [economics], maths)
  await post(
    `${path}/meetings/${meetingTwo}/notes`,
    {
      text: 'Draf rubrik empat aspek: data, analisis, kerja sama, presentasi. Bu Maya memberi contoh deskriptor.',
    },
    leader.token,
  )
  await post(
    '/api/decisions',
    {
      title: 'Satu rubrik empat aspek untuk proyek tape ketan',
      text: 'Keenam mapel menilai proyek dengan rubrik yang sama (data, analisis, kerja sama, presentasi); tiap mapel menambah satu aspek khusus.',
      links: [{ kind: 'group', groupId: group.id, groupMeetingId: meetingTwo }],
    },
    leader.token,
  )
  await post(
    `${path}/reports`,
    {
      month: '2026-03',
      done: 'Dua pertemuan (5 dan 19 Maret): analisis nilai proyek, draf rubrik bersama.',
      results:
        'Indikator proses tercapai (dua pertemuan, data nilai dibawa). Rubrik masih draf; uji coba April.',
      needs: 'Waktu bersama di jadwal April dan contoh rubrik proyek dari pengawas.',
    },
    leader.token,
  )
}
