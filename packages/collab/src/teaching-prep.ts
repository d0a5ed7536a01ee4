import type * as Y from 'yjs'

/** The one root of a team-teaching preparation document: plain text the teachers write together. */
export const teachingPrepRoot = 'preparation'

export const teachingPrepLabel = { id: 'Persiapan mengajar bersama', en: 'Joint lesson preparation' }

/** The shared preparation text of a team-teaching arrangement. */
export const teachingPrep = (doc: Y.Doc): Y.Text => doc.getText(teachingPrepRoot)

/** What a new preparation document starts with: the headings the pair fills in. */
export function startTeachingPrep(doc: Y.Doc, title: string): void {
  const text = teachingPrep(doc)
  if (text.length > 0) return
  text.insert(
    0,
    [
      title,
      '',
      'Tujuan pembelajaran:',
      '',
      'Langkah kegiatan (pendahuluan, inti, penutup):',
      '',
      'Pembagian peran:',
      '',
      'Alat dan bahan:',
      '',
    ].join('\n'),
  )
}
