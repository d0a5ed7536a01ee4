// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { i18n, setLocale } from '../i18n/index.js'
import ReplayFields from './ReplayFields.vue'
import ReplayMap from './ReplayMap.vue'

describe('the document as it was', () => {
  it('shows a plan’s three parts and six steps as text, empty ones marked', () => {
    setLocale('id')
    const wrapper = mount(ReplayFields, {
      props: {
        fields: { goals: 'Siswa menjelaskan\nreaksi eksoterm', 'step-competencies': 'Bernalar kritis' },
        touched: new Set(['goals']),
      },
      global: { plugins: [i18n] },
    })
    expect(wrapper.get('[data-testid=replay-field-goals] .text').text()).toBe(
      'Siswa menjelaskan\nreaksi eksoterm',
    )
    expect(wrapper.get('[data-testid=replay-field-assessment]').text()).toBe('Asesmen(kosong)')
    expect(wrapper.get('[data-testid=replay-field-step-competencies]').text()).toContain('Bernalar kritis')
    expect(wrapper.findAll('[data-testid^=replay-field-]')).toHaveLength(9)
    expect(wrapper.findAll('.touched').map((field) => field.attributes('data-testid'))).toEqual([
      'replay-field-goals',
    ])
  })

  it('shows a map’s activity, a card per lane and the links by subject', () => {
    setLocale('id')
    const texts = { competencies: '', tasks: 'Mengukur suhu', indicators: '', assessment: '', schedule: '' }
    const wrapper = mount(ReplayMap, {
      props: {
        map: {
          activity: { title: 'Membuat tape ketan', description: 'Fermentasi' },
          lanes: [
            { id: 'k', subject: 'Kimia', teacher: 'Pak Budi', texts, position: { x: 0, y: 0 } },
            {
              id: 'b',
              subject: 'Biologi',
              teacher: '',
              texts: { ...texts, tasks: '' },
              position: { x: 1, y: 0 },
            },
          ],
          links: [{ id: 'l', from: 'k', to: 'b', label: 'suhu' }],
        },
        touched: new Set(['lanes', 'b']),
      },
      global: { plugins: [i18n] },
    })
    expect(wrapper.get('[data-testid=replay-activity]').text()).toContain('Membuat tape ketan')
    const lanes = wrapper.findAll('[data-testid=replay-lane]')
    expect(lanes.map((lane) => lane.attributes('data-subject'))).toEqual(['Kimia', 'Biologi'])
    expect(lanes[0]?.text()).toContain('Tugas siswaMengukur suhu')
    expect(lanes.map((lane) => lane.classes('touched'))).toEqual([false, true])
    expect(wrapper.get('[data-testid=replay-link]').text()).toBe('Kimia → Biologi: suhu')
  })
})
