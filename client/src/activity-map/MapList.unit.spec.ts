// @vitest-environment happy-dom
import { activityMap, activityTemplates, applyTemplate, laneTextFields } from '@rembuk/collab'
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import { i18n } from '../i18n/index.js'
import MapList from './MapList.vue'
import { mapGraph } from './map-graph.js'

function tapeKetan(writable: boolean) {
  const doc = new Y.Doc()
  applyTemplate(doc, activityTemplates[0] as (typeof activityTemplates)[number])
  const map = activityMap(doc)
  const wrapper = mount(MapList, {
    props: { map, graph: mapGraph(doc), writable },
    global: { plugins: [i18n] },
  })
  return { map, wrapper }
}

describe('MapList', () => {
  it('shows one card per subject, each with the five shared fields', () => {
    const { wrapper } = tapeKetan(true)
    const lanes = wrapper.findAll('[data-testid=lane]')
    expect(lanes.map((lane) => lane.attributes('data-subject'))).toEqual([
      'Matematika',
      'Kimia (termokimia)',
      'Ekonomi',
      'Bahasa Indonesia',
      'Bahasa Inggris',
      'Biologi (bioteknologi)',
    ])
    for (const lane of lanes) {
      for (const field of laneTextFields)
        expect(lane.find(`[data-testid=lane-field-${field}] textarea`).exists()).toBe(true)
    }
    expect(
      lanes[0]?.get<HTMLTextAreaElement>('[data-testid=lane-field-tasks] textarea').element.value,
    ).toMatch(/selisih dan persentase/)
    expect(wrapper.get<HTMLInputElement>('[data-testid=activity-title]').element.value).toBe(
      'Membuat tape ketan',
    )
  })

  it('writes a changed teacher and activity title into the document', async () => {
    const { map, wrapper } = tapeKetan(true)
    const teacher = wrapper.findAll('[data-testid=lane]')[2]?.get('[data-testid=lane-teacher]')
    await teacher?.setValue('  Pak Budi ')
    await wrapper.get('[data-testid=activity-title]').setValue('Tape ketan kelas XI')
    const json = map.toJson()
    expect(json.lanes.find((lane) => lane.subject === 'Ekonomi')?.teacher).toBe('Pak Budi')
    expect(json.activity.title).toBe('Tape ketan kelas XI')
  })

  it('leaves nothing editable for a member who only reads', () => {
    const { wrapper } = tapeKetan(false)
    const fields = wrapper.findAll('input, textarea')
    expect(fields.length).toBe(2 + 6 * (2 + laneTextFields.length))
    expect(fields.filter((field) => field.attributes('readonly') === undefined)).toEqual([])
  })
})
