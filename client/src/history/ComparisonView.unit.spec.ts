// @vitest-environment happy-dom
import type { LaneJson } from '@rembuk/collab'
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { i18n, setLocale } from '../i18n/index.js'
import ComparisonView from './ComparisonView.vue'
import type { Comparison } from './history-api.js'

const lane = (id: string, subject: string): LaneJson => ({
  id,
  subject,
  teacher: '',
  texts: { competencies: '', tasks: '', indicators: '', assessment: '', schedule: '' },
  position: { x: 0, y: 0 },
})

function show(comparison: Comparison, subjects = new Map<string, string>()) {
  setLocale('id')
  return mount(ComparisonView, { props: { comparison, subjects }, global: { plugins: [i18n] } })
}

describe('ComparisonView', () => {
  it('strikes removed words and underlines added ones in each changed plan field', () => {
    const wrapper = show({
      from: 2,
      to: 7,
      kind: 'fields',
      fields: [
        {
          field: 'assessment',
          before: 'Rubrik lisan',
          after: 'Rubrik presentasi',
          diff: [
            { op: 'same', text: 'Rubrik ' },
            { op: 'removed', text: 'lisan' },
            { op: 'added', text: 'presentasi' },
          ],
        },
      ],
    })
    const field = wrapper.get('[data-testid=compare-field-assessment]')
    expect(field.get('h4').text()).toBe('Asesmen')
    expect(field.get('del').text()).toBe('dihapus:lisan')
    expect(field.get('ins').text()).toBe('ditambahkan:presentasi')
    expect(wrapper.text()).toContain('Yang berbeda dari revisi 2 ke revisi 7')
  })

  it('lists a map’s lanes added, removed, changed and moved, and its links by subject', () => {
    const wrapper = show(
      {
        from: 0,
        to: 9,
        kind: 'map',
        map: {
          activity: [],
          lanesAdded: [lane('b', 'Biologi')],
          lanesRemoved: [lane('f', 'Fisika')],
          lanesChanged: [
            {
              id: 'k',
              subject: 'Kimia',
              moved: true,
              fields: [
                {
                  field: 'tasks',
                  before: '',
                  after: 'Mengukur suhu',
                  diff: [{ op: 'added', text: 'Mengukur suhu' }],
                },
              ],
            },
          ],
          linksAdded: [{ id: 'l1', from: 'k', to: 'b', label: 'data suhu' }],
          linksRemoved: [],
        },
      },
      new Map([
        ['k', 'Kimia'],
        ['b', 'Biologi'],
      ]),
    )
    expect(wrapper.get('[data-testid=lanes-added]').text()).toContain('Biologi')
    expect(wrapper.get('[data-testid=lanes-removed] del').text()).toBe('Fisika')
    const changed = wrapper.get('[data-testid=lane-changed]')
    expect(changed.attributes('data-subject')).toBe('Kimia')
    expect(changed.text()).toContain('Dipindahkan di peta')
    expect(changed.get('h5').text()).toBe('Tugas siswa')
    expect(wrapper.get('[data-testid=links-added]').text()).toContain('Kimia → Biologi: data suhu')
  })

  it('says when A and B do not differ', () => {
    const wrapper = show({ from: 3, to: 3, kind: 'fields', fields: [] })
    expect(wrapper.get('[data-testid=no-difference]').text()).toBe('Tidak ada perbedaan antara A dan B.')
  })
})
