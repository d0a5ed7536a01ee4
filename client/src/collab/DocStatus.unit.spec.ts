// @vitest-environment happy-dom
import { mount } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { ref } from 'vue'
import { i18n, setLocale } from '../i18n/index.js'
import DocStatus from './DocStatus.vue'
import type { CollabDoc, ConnectionState } from './use-collab-doc.js'

function collabState(connection: ConnectionState, unsynced: number, synced: boolean) {
  return {
    connection: ref(connection),
    unsynced: ref(unsynced),
    synced: ref(synced),
  } as unknown as CollabDoc
}

describe('DocStatus', () => {
  it('says offline and how many edits are not yet synced, in Bahasa Indonesia first', () => {
    setLocale('id')
    const wrapper = mount(DocStatus, {
      props: { collab: collabState('disconnected', 3, true) },
      global: { plugins: [i18n] },
    })
    expect(wrapper.get('[data-testid=connection-state]').text()).toBe(
      'Luring: perubahan disimpan di perangkat ini',
    )
    expect(wrapper.get('[data-testid=unsynced]').text()).toBe('· belum tersinkron: 3 perubahan')
    expect(wrapper.find('[data-testid=all-synced]').exists()).toBe(false)
  })

  it('says all is saved once connected with nothing pending, in English too', () => {
    setLocale('en')
    const wrapper = mount(DocStatus, {
      props: { collab: collabState('connected', 0, true) },
      global: { plugins: [i18n] },
    })
    expect(wrapper.get('[data-testid=connection-state]').text()).toBe('Connected')
    expect(wrapper.get('[data-testid=all-synced]').text()).toBe('· All changes saved')
    expect(wrapper.find('[data-testid=unsynced]').exists()).toBe(false)
    setLocale('id')
  })

  it('says why it stopped when access was withdrawn or the document is full', () => {
    setLocale('id')
    const texts = (['revoked', 'full'] as const).map((state) =>
      mount(DocStatus, { props: { collab: collabState(state, 0, true) }, global: { plugins: [i18n] } })
        .get('[data-testid=connection-state]')
        .text(),
    )
    expect(texts).toEqual([
      'Akses Anda ke dokumen ini sudah dicabut',
      'Dokumen ini sudah mencapai batas ukurannya; perubahan baru tidak disimpan',
    ])
  })
})
