// @vitest-environment happy-dom
import type { TimelineEntry, TimelinePage } from '@rembuk/domain'
import { flushPromises, mount } from '@vue/test-utils'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { i18n, setLocale } from '../i18n/index.js'
import HistoryTimeline from './HistoryTimeline.vue'
import type { HistoryApi, TimelineQuery } from './history-api.js'

const entry = (revision: number, actorName: string, path: string[], label?: string): TimelineEntry => ({
  revision,
  type: 'DocUpdated',
  actorId: actorName.replace(/\W/g, ''),
  actorName,
  time: '2025-03-04T03:15:00.000Z',
  size: 10,
  updates: 1,
  changes: [label ? { path, label } : { path }],
})

function fakeHistory(pages: Record<number, TimelinePage>) {
  const timeline = vi.fn(async (query: TimelineQuery) => pages[query.from] as TimelinePage)
  return { history: { timeline } as unknown as HistoryApi, timeline }
}

describe('HistoryTimeline', () => {
  beforeEach(() => {
    setLocale('id')
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('[]', { headers: { 'content-type': 'application/json' } })),
    )
  })
  afterEach(() => vi.unstubAllGlobals())

  it('tells each event in words, marks named versions, loads more and moves the scrubber on a click', async () => {
    const { history, timeline } = fakeHistory({
      0: {
        docId: 'd',
        head: 3,
        entries: [entry(0, 'Bu Kepala', ['lanes']), entry(1, 'Pak Budi', ['lanes', 'k', 'tasks'], 'Kimia')],
        next: 2,
      },
      2: { docId: 'd', head: 3, entries: [entry(3, 'Bu Sari', ['activity', 'title'])], next: null },
    })
    const versions = [
      {
        revision: 1,
        name: 'Setelah rapat',
        by: { memberId: 'k', name: 'Bu Kepala' },
        at: '2025-03-05T00:00:00Z',
      },
    ]
    const wrapper = mount(HistoryTimeline, {
      props: { history, kind: 'map', versions, current: 1 },
      global: { plugins: [i18n] },
    })
    await flushPromises()
    expect(wrapper.emitted('head')).toEqual([[3]])
    const entries = () => wrapper.findAll('[data-testid=timeline-entry]')
    expect(entries().map((found) => found.get('.what').text())).toEqual([
      'Bu Kepala membuat dokumen ini',
      'Pak Budi mengubah Tugas siswa di Kimia',
    ])
    expect(entries()[1]?.attributes('aria-current')).toBe('step')
    expect(wrapper.get('[data-testid=timeline-version]').text()).toContain('Versi “Setelah rapat”')

    await wrapper.get('[data-testid=load-more]').trigger('click')
    await flushPromises()
    expect(timeline).toHaveBeenLastCalledWith({ from: 2, limit: 50, actor: undefined, root: undefined })
    expect(entries().map((found) => found.attributes('data-revision'))).toEqual(['0', '1', '3'])
    expect(entries()[2]?.text()).toContain('Bu Sari mengubah Judul kegiatan')
    expect(wrapper.find('[data-testid=load-more]').exists()).toBe(false)

    await entries()[2]?.trigger('click')
    expect(wrapper.emitted('seek')).toEqual([[3]])
  })

  it('asks again from the start with the chosen part', async () => {
    const page: TimelinePage = {
      docId: 'd',
      head: 1,
      entries: [entry(1, 'Bu Sari', ['assessment'])],
      next: null,
    }
    const { history, timeline } = fakeHistory({ 0: page })
    const wrapper = mount(HistoryTimeline, {
      props: { history, kind: 'plan', versions: [], current: 0 },
      global: { plugins: [i18n] },
    })
    await flushPromises()
    const parts = wrapper.get('[data-testid=filter-root]').findAll('option')
    expect(parts.map((option) => option.text()).slice(0, 4)).toEqual([
      'Semua bagian',
      'Tujuan pembelajaran',
      'Kegiatan pembelajaran',
      'Asesmen',
    ])
    await wrapper.get('[data-testid=filter-root]').setValue('assessment')
    await flushPromises()
    expect(timeline).toHaveBeenLastCalledWith({ from: 0, limit: 50, actor: undefined, root: 'assessment' })
    expect(wrapper.get('[data-testid=timeline-entry]').text()).toContain('Bu Sari mengubah Asesmen')
  })
})
