import type * as Y from 'yjs'
import { activityMap, type LaneInput } from './activity-map.js'

/** Where lanes go on the canvas: three to a row, far enough apart for a lane with its fields showing. */
export const laneGrid = { column: 380, row: 440 } as const

export interface ActivityTemplate {
  id: string
  title: string
  description: string
  lanes: (LaneInput & { key: string })[]
  /** Lanes that depend on each other, by key: the first needs what the second produces. */
  links: { from: string; to: string; label: string }[]
}

const lane = (
  key: string,
  subject: string,
  competencies: string,
  tasks: string,
  assessment: string,
  i: number,
) => ({
  key,
  subject,
  texts: { competencies, tasks, assessment, indicators: '', schedule: '' },
  position: { x: (i % 3) * laneGrid.column, y: Math.floor(i / 3) * laneGrid.row },
})

/** The worked example of the guidebook: one real activity, six subjects. */
const tapeKetan: ActivityTemplate = {
  id: 'tape-ketan',
  title: 'Membuat tape ketan',
  description:
    'Siswa membuat tape ketan dari beras ketan dan ragi, lalu mengamati fermentasinya selama tiga hari.',
  lanes: [
    lane(
      'mat',
      'Matematika',
      'Menghitung selisih dan persentase',
      'Menimbang beras sebelum dan sesudah fermentasi; menghitung selisih dan persentasenya',
      'Lembar perhitungan',
      0,
    ),
    lane(
      'kim',
      'Kimia (termokimia)',
      'Reaksi eksoterm dan endoterm',
      'Mengukur suhu di luar wadah setiap hari',
      'Tabel dan grafik suhu harian',
      1,
    ),
    lane(
      'eko',
      'Ekonomi',
      'Biaya, harga jual dan margin',
      'Menghitung biaya bahan, menentukan harga jual dan margin',
      'Rencana usaha sederhana',
      2,
    ),
    lane(
      'bin',
      'Bahasa Indonesia',
      'Teks prosedur',
      'Menceritakan proses pembuatan tape',
      'Teks prosedur tertulis',
      3,
    ),
    lane(
      'bing',
      'Bahasa Inggris',
      'Procedure text',
      'Narrating how tape ketan is made',
      'Short oral presentation',
      4,
    ),
    lane(
      'bio',
      'Biologi (bioteknologi)',
      'Fermentasi dan mikroba',
      'Menjelaskan peran ragi dan mikroba dalam fermentasi',
      'Laporan pengamatan',
      5,
    ),
  ],
  links: [
    { from: 'eko', to: 'mat', label: 'biaya memakai berat bahan' },
    { from: 'bio', to: 'kim', label: 'fermentasi menjelaskan perubahan suhu' },
    { from: 'bin', to: 'bio', label: 'narasi memakai hasil pengamatan' },
    { from: 'bing', to: 'bin', label: 'versi bahasa Inggris dari narasi' },
  ],
}

const healthCheck: ActivityTemplate = {
  id: 'cek-kesehatan',
  title: 'Pemeriksaan kesehatan di UKS',
  description: 'Siswa memeriksa tinggi, berat badan dan tekanan darah teman di unit kesehatan sekolah.',
  lanes: [
    lane(
      'bio',
      'Biologi',
      'Sistem peredaran darah',
      'Mengukur denyut nadi dan tekanan darah',
      'Catatan pengukuran',
      0,
    ),
    lane(
      'kim',
      'Kimia',
      'Zat dalam makanan',
      'Membaca label gizi jajanan sekolah',
      'Tabel kandungan gizi',
      1,
    ),
    lane(
      'pjok',
      'Pendidikan Jasmani dan Kesehatan',
      'Pola hidup sehat',
      'Menyusun saran olahraga dari hasil pemeriksaan',
      'Poster saran sehat',
      2,
    ),
    lane(
      'mat',
      'Matematika',
      'Statistika data',
      'Menghitung rata-rata dan indeks massa tubuh kelas',
      'Diagram data kelas',
      3,
    ),
    lane(
      'bin',
      'Bahasa Indonesia',
      'Teks laporan',
      'Menulis laporan hasil pemeriksaan',
      'Laporan tertulis',
      4,
    ),
  ],
  links: [
    { from: 'mat', to: 'bio', label: 'statistika memakai hasil pengukuran' },
    { from: 'bin', to: 'mat', label: 'laporan memakai diagram' },
  ],
}

const marketVisit: ActivityTemplate = {
  id: 'kunjungan-pasar',
  title: 'Kunjungan ke pasar',
  description: 'Siswa mendata barang yang paling laku di pasar terdekat dan mewawancarai pedagang.',
  lanes: [
    lane(
      'eko',
      'Ekonomi',
      'Permintaan dan penawaran',
      'Mendata barang terlaris dan harganya',
      'Analisis permintaan dan penawaran',
      0,
    ),
    lane(
      'mat',
      'Matematika',
      'Penyajian data',
      'Menyajikan data penjualan dalam tabel dan diagram',
      'Diagram batang',
      1,
    ),
    lane(
      'bin',
      'Bahasa Indonesia',
      'Teks wawancara',
      'Mewawancarai pedagang dan menuliskan hasilnya',
      'Transkrip wawancara',
      2,
    ),
  ],
  links: [
    { from: 'mat', to: 'eko', label: 'diagram memakai data penjualan' },
    { from: 'eko', to: 'bin', label: 'analisis memakai hasil wawancara' },
  ],
}

export const activityTemplates: readonly ActivityTemplate[] = [tapeKetan, healthCheck, marketVisit]

/** Writes a template into an empty map document, as one transaction. */
export function applyTemplate(doc: Y.Doc, template: ActivityTemplate): void {
  const map = activityMap(doc)
  doc.transact(() => {
    map.setActivity(template.title, template.description)
    const ids = new Map(template.lanes.map((input) => [input.key, map.addLane(input)]))
    for (const link of template.links)
      map.link(ids.get(link.from) as string, ids.get(link.to) as string, link.label)
  })
}
