import type { DemoMember } from './doc-edits.js'
import type { Post } from './protocol-meeting.js'

/**
 * The scores of the six class teachers of SDN Lulut 2 in its school action research on collaborative learning:
 * baseline, cycle I, cycle II (averages 42.29, 53.48 and 65.08; the study prints 65.05).
 */
export const lulut2Scores = [
  [35.75, 46.75, 53.5],
  [37.4, 48.5, 55.4],
  [40.5, 50.5, 60.55],
  [42.67, 55.7, 68.65],
  [44.65, 58.8, 75.25],
  [52.75, 60.6, 77.1],
] as const

const steps: Record<number, Record<'plan' | 'act' | 'observe' | 'reflect', string>> = {
  1: {
    plan: 'Mengidentifikasi lemahnya penerapan pembelajaran kolaboratif; menyusun lembar observasi dan jadwal kunjungan kelas.',
    act: 'Supervisi kunjungan kelas sesuai jadwal, memakai lembar observasi yang disusun bersama.',
    observe: 'Kepala sekolah mengamati dari awal sampai akhir pembelajaran dan menilai tiap guru.',
    reflect: 'Tiga guru mencapai Cukup; tiga lainnya masih Kurang. Perlu berbagi praktik baik antarguru.',
  },
  2: {
    plan: 'Membahas masalah yang belum selesai pada siklus I dan menetapkan kriteria keberhasilan siklus II.',
    act: 'Kunjungan kelas kedua; guru yang sudah Cukup mendampingi rekan yang masih Kurang.',
    observe: 'Observasi dengan instrumen yang sama; dua guru mencapai Baik.',
    reflect: 'Rata-rata naik ke kategori Cukup; komunikasi terbuka dan berbagi praktik menjadi kunci.',
  },
}

/**
 * The demo school's action research, with the scores of the SDN Lulut 2 study given to its six teachers: the
 * principal starts it, the coach (the collaboration hub) runs the cycles, and the data-driven cycle of cycle I
 * points to the tape ketan map and the joint plan.
 */
export async function runActionResearch(
  post: Post,
  cast: { principal: DemoMember; coach: DemoMember; teachers: DemoMember[] },
  evidence: { mapId: string; planId: string },
): Promise<void> {
  const { principal, coach, teachers } = cast
  const study = await post<{ id: string }>(
    '/api/research',
    {
      title: 'PTS: pembelajaran kolaboratif antarguru',
      focus: 'Meningkatkan kemampuan guru mengimplementasikan pembelajaran kolaboratif',
      instrument: { name: 'Lembar observasi kunjungan kelas (persentase capaian)', maxScore: 100 },
      teachers: teachers.map((teacher) => teacher.user.memberId),
    },
    principal.token,
  )
  const path = `/api/research/${study.id}`
  for (const cycleNo of [0, 1, 2]) {
    await post(`${path}/cycles`, {}, coach.token)
    for (const [step, text] of Object.entries(steps[cycleNo] ?? {})) {
      await post(`${path}/cycles/${cycleNo}/steps`, { step, text, done: true }, coach.token)
    }
    await post(
      `${path}/cycles/${cycleNo}/scores`,
      {
        scores: teachers.map((teacher, index) => ({
          memberId: teacher.user.memberId,
          score: lulut2Scores[index]?.[cycleNo],
        })),
      },
      coach.token,
    )
  }
  const tick = (step: string, body: Record<string, unknown>) =>
    post(`${path}/cycles/1/data-steps`, { step, done: true, ...body }, coach.token)
  await tick('collect-data', {
    dataKind: 'school-process',
    note: 'Lembar observasi kunjungan kelas pra-siklus',
  })
  await tick('analyse', { dataKind: 'school-process', note: 'Lima dari enam guru masih Kurang' })
  await tick('decide-action', {
    evidence: { kind: 'map', mapId: evidence.mapId },
    dataKind: 'student-learning',
  })
  await tick('teach', { evidence: { kind: 'plan', planId: evidence.planId }, dataKind: 'student-learning' })
}
