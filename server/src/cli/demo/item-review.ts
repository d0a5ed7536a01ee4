import { itemReviewDoc } from '@rembuk/collab'
import type { EventStore } from '@rembuk/event-store'
import type { DocReader } from '../../documents/doc-reader.js'
import { type DemoMember, editAs } from './doc-edits.js'
import type { Post } from './protocol-meeting.js'

interface Cast {
  biology: DemoMember
  chemistry: DemoMember
  maths: DemoMember
}

const items = [
  'Mikroorganisme yang berperan dalam pembuatan tape ketan adalah …',
  'Mengapa wadah tape harus ditutup rapat selama fermentasi?',
  'Hasil fermentasi yang membuat tape terasa manis adalah …',
  'Sebutkan nama latin ragi roti.',
  'Jelaskan mengapa suhu di dalam wadah naik pada hari pertama fermentasi.',
]

/**
 * The item review of the mid-semester Biology test: five items, one reworded live by a reviewer, with comments
 * and statuses in every stage (two agreed, one to revise, one dropped, one still a draft).
 */
export async function reviewMidSemesterItems(
  post: Post,
  store: EventStore,
  reader: DocReader,
  cast: Cast,
): Promise<void> {
  const { biology, chemistry, maths } = cast
  const review = await post<{ id: string; docId: string; items: { itemId: string }[] }>(
    '/api/item-reviews',
    {
      testName: 'Penilaian Tengah Semester genap',
      subject: 'Biologi',
      className: 'XI',
      testDate: '2026-03-24',
      reviewers: [chemistry.user.memberId, maths.user.memberId],
      items,
    },
    biology.token,
  )
  const path = `/api/item-reviews/${review.id}`
  const [one, two, three, four, five] = review.items.map((item) => item.itemId) as [
    string,
    string,
    string,
    string,
    string,
  ]
  const comment = (itemId: string, by: DemoMember, text: string) =>
    post(`${path}/items/${itemId}/comments`, { text }, by.token)
  const status = (itemId: string, by: DemoMember, value: string) =>
    post(`${path}/items/${itemId}/status`, { status: value }, by.token)

  await comment(one, chemistry, 'Pilihan jawaban sudah jelas; kunci Saccharomyces cerevisiae.')
  await status(one, chemistry, 'agreed')
  await comment(two, maths, 'Tambahkan kata "anaerob" agar siswa mengaitkan dengan respirasi.')
  await editAs(store, reader, review.docId, biology, (doc) => {
    itemReviewDoc(doc)
      .itemText(two)
      .insert(items[1]?.length ?? 0, ' (kaitkan dengan keadaan anaerob)')
  })
  await status(two, biology, 'agreed')
  await comment(three, chemistry, 'Jawaban bisa glukosa atau gula sederhana; pilihan ganda perlu dipertegas.')
  await status(three, chemistry, 'revise')
  await comment(four, maths, 'Tidak sesuai kisi-kisi proyek tape ketan.')
  await status(four, biology, 'dropped')
  await comment(five, biology, 'Soal uraian; rubrik penskoran menyusul.')
}
