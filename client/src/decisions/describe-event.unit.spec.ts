// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest'
import { i18n, setLocale } from '../i18n/index.js'
import { describeEvent, type EventContext } from './describe-event.js'
import type { DecisionEventView } from './types.js'
import type { Words } from './words.js'

const words: Words = {
  t: (key, params) => i18n.global.t(key, params ?? {}),
  label: (text) => text[i18n.global.locale.value],
}
const context: EventContext = {
  optionText: (optionId) => (optionId === 'o1' ? 'Dua hari' : undefined),
  docTitle: (docId) => (docId === 'doc-map' ? 'Tape ketan' : docId),
  day: (date) => (date === '2026-04-30' ? '30 April 2026' : date),
}
const event = (type: string, data: Record<string, unknown>, actorName = 'Pak Budi'): DecisionEventView => ({
  type,
  actorId: 'budi',
  actorName,
  at: '2026-03-12T09:00:00.000Z',
  data,
})
const say = (type: string, data: Record<string, unknown>, actorName?: string) =>
  describeEvent(event(type, data, actorName), words, context)

describe('a decision event in words', () => {
  it('names who did what, in Bahasa Indonesia first', () => {
    setLocale('id')
    expect(say('ProposalRaised', { title: 'Fermentasi dua hari' }, 'Bu Sari')).toBe(
      'Bu Sari mengajukan usulan “Fermentasi dua hari”',
    )
    expect(say('PositionTaken', { position: 'disagree', reason: 'jadwalnya terlalu padat' })).toBe(
      'Pak Budi mengambil sikap: tidak setuju, karena jadwalnya terlalu padat',
    )
    expect(say('PositionTaken', { position: 'agree', reason: '' })).toBe('Pak Budi mengambil sikap: setuju')
    expect(say('MediationNoted', { text: 'Uji coba dulu.' }, 'Bu Kartini')).toBe(
      'Bu Kartini menengahi: Uji coba dulu.',
    )
  })

  it('gives the outcome with the chosen option, the rationale and the review date', () => {
    setLocale('id')
    expect(
      say(
        'OutcomeRecorded',
        { outcome: 'accepted', optionId: 'o1', rationale: 'data suhu mendukung', reviewDate: '2026-04-30' },
        'Bu Kartini',
      ),
    ).toBe(
      'Bu Kartini mencatat hasil: diterima (Dua hari), karena data suhu mendukung (ditinjau lagi pada 30 April 2026)',
    )
    expect(say('OutcomeRecorded', { outcome: 'deferred', rationale: 'menunggu data' })).toBe(
      'Pak Budi mencatat hasil: ditunda, karena menunggu data',
    )
  })

  it('names the document a linked change was made in, and says what it does not know plainly', () => {
    setLocale('id')
    expect(say('ChangeLinked', { docId: 'doc-map', revision: 14, note: 'jadwal Kimia' })).toBe(
      'Pak Budi mencatat perubahan karena keputusan ini: Tape ketan, revisi 14 (jadwal Kimia)',
    )
    expect(say('DecisionRevisited', { reason: 'termometer rusak' })).toBe(
      'Pak Budi membuka kembali keputusan, karena termometer rusak',
    )
    expect(say('SomethingNew', {})).toBe('Pak Budi: SomethingNew')
  })

  it('speaks English when asked', () => {
    setLocale('en')
    expect(say('PositionTaken', { position: 'block', reason: 'the yeast needs three days' })).toBe(
      'Pak Budi took a position: block, because the yeast needs three days',
    )
    setLocale('id')
  })
})
