import { lessonPlan } from '@rembuk/collab'
import type { EventStore } from '@rembuk/event-store'
import * as Y from 'yjs'
import type { DocReader } from '../../documents/doc-reader.js'
import { type DemoMember, editAs } from './doc-edits.js'

/** Writes lines into a plan field that starts with one empty paragraph: the first line there, the rest after. */
function writeLines(fragment: Y.XmlFragment, lines: string[]): void {
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

/** The plan's first words, as its team would have typed them. */
export async function writePlanContent(
  store: EventStore,
  reader: DocReader,
  docId: string,
  author: DemoMember,
): Promise<void> {
  await editAs(store, reader, docId, author, (doc) => {
    const plan = lessonPlan(doc)
    writeLines(plan.part('goals'), [
      'Siswa menghitung persentase susut berat beras ketan setelah fermentasi.',
      'Siswa menjelaskan peran ragi dan perubahan suhu selama fermentasi.',
    ])
    writeLines(plan.stepNotes('competencies'), ['Berpikir kritis, bekerja sama, berwirausaha.'])
  })
}
