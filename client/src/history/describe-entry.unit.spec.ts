import type { TimelineChange, TimelineEntry } from '@rembuk/domain'
import { describe, expect, it } from 'vitest'
import { en } from '../i18n/en.js'
import { id } from '../i18n/id.js'
import { describeEntry, subjectsSeen } from './describe-entry.js'
import { joinWords, partLabel, type Words } from './doc-labels.js'

/** The interface's words without vue-i18n: a message by its key, with `{name}` filled in. */
function wordsIn(messages: typeof id, locale: 'id' | 'en'): Words {
  return {
    t: (key, params = {}) =>
      String(
        key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages),
      ).replace(/\{(\w+)\}/g, (_, name: string) => String(params[name])),
    label: (text) => text[locale],
  }
}
const words = wordsIn(id, 'id')

function entry(
  actorName: string,
  changes: TimelineChange[],
  more: Partial<TimelineEntry> = {},
): TimelineEntry {
  return {
    revision: 5,
    type: 'DocUpdated',
    actorId: 'm-1',
    actorName,
    time: '2025-03-04T03:15:00.000Z',
    size: 120,
    updates: 3,
    changes,
    ...more,
  }
}

describe('a timeline entry in words', () => {
  it('names the part of a plan that changed', () => {
    expect(describeEntry(entry('Bu Sari', [{ path: ['assessment'] }]), words)).toBe(
      'Bu Sari mengubah Asesmen',
    )
  })

  it('joins several parts and names the notes of a step', () => {
    const changes = [{ path: ['goals'] }, { path: ['step-competencies'] }, { path: ['assessment'] }]
    expect(describeEntry(entry('Bu Sari', changes), words)).toBe(
      'Bu Sari mengubah Tujuan pembelajaran, catatan langkah “Kompetensi yang dibutuhkan siswa” dan Asesmen',
    )
  })

  it('names the field and the subject of a lane, once per lane', () => {
    const changes = [
      { path: ['lanes', 'lane-k', 'tasks'], label: 'Kimia (termokimia)' },
      { path: ['lanes', 'lane-k', 'indicators'], label: 'Kimia (termokimia)' },
    ]
    expect(describeEntry(entry('Pak Budi', changes), words)).toBe(
      'Pak Budi mengubah Tugas siswa dan Indikator di Kimia (termokimia)',
    )
  })

  it('tells a lane added from one removed, which it names by the subject seen before', () => {
    expect(describeEntry(entry('Pak Budi', [{ path: ['lanes', 'lane-b'], label: 'Biologi' }]), words)).toBe(
      'Pak Budi menambah mata pelajaran Biologi',
    )
    const removed = entry('Pak Budi', [{ path: ['lanes', 'lane-b'] }])
    expect(describeEntry(removed, words)).toBe('Pak Budi menghapus satu mata pelajaran')
    expect(describeEntry(removed, words, new Map([['lane-b', 'Biologi']]))).toBe(
      'Pak Budi menghapus mata pelajaran Biologi',
    )
  })

  it('says a subject was added even before it has a name', () => {
    expect(describeEntry(entry('Pak Budi', [{ path: ['lanes', 'lane-x'], label: '' }]), words)).toBe(
      'Pak Budi menambah mata pelajaran',
    )
  })

  it('says a lane was moved or renamed, and names the activity and the links', () => {
    const changes = [
      { path: ['lanes', 'lane-k', 'position'], label: 'Kimia' },
      { path: ['activity', 'title'] },
      { path: ['links'] },
    ]
    expect(describeEntry(entry('Pak Budi', changes), words)).toBe(
      'Pak Budi memindahkan Kimia dan mengubah Judul kegiatan dan Hubungan antarmapel',
    )
    expect(
      describeEntry(entry('Bu Sari', [{ path: ['lanes', 'lane-k', 'subject'], label: 'Fisika' }]), words),
    ).toBe('Bu Sari mengganti nama mata pelajaran menjadi Fisika')
  })

  it('counts what does not fit in one sentence', () => {
    const changes = [
      { path: ['lanes', 'a'], label: 'A' },
      { path: ['lanes', 'b'], label: 'B' },
      { path: ['lanes', 'c'], label: 'C' },
      { path: ['lanes', 'd'], label: 'D' },
    ]
    expect(describeEntry(entry('Pak Budi', changes), words)).toBe(
      'Pak Budi menambah mata pelajaran A, menambah mata pelajaran B dan 2 perubahan lain',
    )
  })

  it('says who restored which revision, who created the document, and falls back to the member id', () => {
    const restored = entry('Bu Kepala', [{ path: ['goals'] }], { type: 'DocRestored', restoredRevision: 12 })
    expect(describeEntry(restored, words)).toBe('Bu Kepala memulihkan isi revisi 12')
    expect(describeEntry(entry('Bu Sari', [{ path: ['goals'] }], { revision: 0 }), words)).toBe(
      'Bu Sari membuat dokumen ini',
    )
    expect(describeEntry(entry('x', [], { actorName: null, actorId: 'm-9' }), words)).toBe(
      'm-9 menyunting dokumen',
    )
  })

  it('speaks English too', () => {
    const english = wordsIn(en, 'en')
    const changes = [{ path: ['lanes', 'lane-k', 'tasks'], label: 'Kimia' }]
    expect(describeEntry(entry('Pak Budi', changes), english)).toBe('Pak Budi changed Student tasks in Kimia')
    expect(partLabel(['step-indicators'], english)).toBe('the notes of step “Indicators of each competency”')
  })
})

describe('words and subjects', () => {
  it('joins words the Indonesian way', () => {
    expect(joinWords([], words)).toBe('')
    expect(joinWords(['a'], words)).toBe('a')
    expect(joinWords(['a', 'b', 'c'], words)).toBe('a, b dan c')
  })

  it('remembers the newest subject of each lane the entries name', () => {
    const entries = [
      entry('a', [{ path: ['lanes', 'lane-k'], label: 'Kimia' }]),
      entry('a', [
        { path: ['lanes', 'lane-k', 'subject'], label: 'Kimia (termokimia)' },
        { path: ['goals'] },
      ]),
    ]
    expect(subjectsSeen(entries)).toEqual(new Map([['lane-k', 'Kimia (termokimia)']]))
  })
})
