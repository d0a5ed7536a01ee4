import { describe, expect, it } from 'vitest'
import { draftOf, planOf } from './action-plan-form.js'

describe('the action plan form', () => {
  it('turns lines into indicators and dated milestones, and back', () => {
    const draft = {
      ...draftOf(null, 'dedi'),
      purpose: ' Rubrik bersama ',
      processIndicators: 'Bertemu dua kali sebulan\n\n  Membawa data nilai ',
      resultIndicators: 'Rubrik dipakai enam mapel',
      start: '2026-03-01',
      end: '2026-05-31',
      milestones: '2026-04-15 Rubrik draf selesai\n2026-05-20 Uji coba',
    }
    const plan = planOf(draft)
    expect(plan).toMatchObject({
      purpose: 'Rubrik bersama',
      processIndicators: ['Bertemu dua kali sebulan', 'Membawa data nilai'],
      responsible: 'dedi',
      milestones: [
        { date: '2026-04-15', text: 'Rubrik draf selesai' },
        { date: '2026-05-20', text: 'Uji coba' },
      ],
    })
    expect(draftOf(plan, 'lain').milestones).toBe('2026-04-15 Rubrik draf selesai\n2026-05-20 Uji coba')
    expect(draftOf(plan, 'lain').responsible).toBe('dedi')
  })
})
