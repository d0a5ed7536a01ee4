// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { i18n, setLocale } from '../i18n/index.js'
import DecisionPositions from './DecisionPositions.vue'
import type { DecisionView } from './types.js'

const members = [
  { memberId: 'budi', name: 'Pak Budi', email: 'budi@demo.sch.id', role: 'teacher' },
  { memberId: 'wati', name: 'Bu Wati', email: 'wati@demo.sch.id', role: 'teacher' },
]

const decision = {
  id: 'd1',
  positions: [
    { memberId: 'budi', position: 'disagree', reason: 'Jadwal terlalu padat.' },
    { memberId: 'wati', position: 'agree', reason: '' },
  ],
  earlierPositions: [{ memberId: 'budi', position: 'agree', reason: 'Data suhu mendukung.' }],
} as unknown as DecisionView

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('DecisionPositions', () => {
  it("shows each member's position by name, with the earlier one kept in view", async () => {
    vi.stubGlobal('fetch', async () => Response.json(members))
    setLocale('id')
    const wrapper = mount(DecisionPositions, { props: { decision }, global: { plugins: [i18n] } })
    await flushPromises()

    const positions = wrapper.findAll('[data-testid=position]')
    expect(positions.map((entry) => entry.attributes('data-member'))).toEqual(['budi', 'wati'])
    expect(positions[0]?.text()).toContain('Pak Budi')
    expect(positions[0]?.text()).toContain('tidak setuju')
    expect(positions[0]?.text()).toContain('Jadwal terlalu padat.')
    expect(positions[0]?.get('[data-testid=earlier-position]').text()).toBe(
      'sebelumnya: setuju — Data suhu mendukung.',
    )
    expect(positions[1]?.find('[data-testid=earlier-position]').exists()).toBe(false)
    expect(wrapper.get('[data-testid=position-tally]').text()).toBe('1 setuju1 tidak setuju')
  })

  it('says so when nobody has taken a position yet, in English too', () => {
    vi.stubGlobal('fetch', async () => Response.json(members))
    setLocale('en')
    const empty = { ...decision, positions: [], earlierPositions: [] } as unknown as DecisionView
    const wrapper = mount(DecisionPositions, { props: { decision: empty }, global: { plugins: [i18n] } })
    expect(wrapper.text()).toContain('Nobody has taken a position yet.')
    expect(wrapper.find('[data-testid=position]').exists()).toBe(false)
    setLocale('id')
  })
})
