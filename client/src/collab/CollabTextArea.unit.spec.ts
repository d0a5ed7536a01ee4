// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import * as Y from 'yjs'
import CollabTextArea from './CollabTextArea.vue'

describe('CollabTextArea', () => {
  it('writes what is typed into the shared text and shows what others write', async () => {
    const doc = new Y.Doc()
    const text = doc.getText('tasks')
    text.insert(0, 'Menimbang beras')
    const wrapper = mount(CollabTextArea, { props: { text, label: 'Tugas siswa' } })
    const area = wrapper.get('textarea')
    expect(area.element.value).toBe('Menimbang beras')

    await area.setValue('Menimbang beras ketan')
    expect(text.toString()).toBe('Menimbang beras ketan')

    const colleague = new Y.Doc()
    Y.applyUpdate(colleague, Y.encodeStateAsUpdate(doc))
    colleague.getText('tasks').insert(0, 'Hari 1: ')
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(colleague, Y.encodeStateVector(doc)))
    await wrapper.vm.$nextTick()
    expect(area.element.value).toBe('Hari 1: Menimbang beras ketan')
    expect(wrapper.text()).toContain('Tugas siswa')
  })

  it('changes nothing when read-only', async () => {
    const text = new Y.Doc().getText('tasks')
    const wrapper = mount(CollabTextArea, { props: { text, label: 'Tugas', readonly: true } })
    expect(wrapper.get('textarea').attributes('readonly')).toBe('')
  })
})
