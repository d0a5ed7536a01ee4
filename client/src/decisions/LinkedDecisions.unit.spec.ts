// @vitest-environment happy-dom
import { mount, RouterLinkStub } from '@vue/test-utils'
import { describe, expect, it } from 'vitest'
import { i18n, setLocale } from '../i18n/index.js'
import LinkedDecisions from './LinkedDecisions.vue'
import type { DecisionView } from './types.js'

const decision = (id: string, title: string, links: DecisionView['links']) =>
  ({ id, title, links, status: 'open', outcome: null }) as unknown as DecisionView

const decisions = [
  decision('d1', 'Suhu diukur dua kali sehari', [{ kind: 'map-lane', mapId: 'm1', laneId: 'lane-kim' }]),
  decision('d2', 'Fermentasi dua hari', [
    { kind: 'map', mapId: 'm1' },
    { kind: 'map-lane', mapId: 'm1', laneId: 'lane-kim' },
  ]),
  decision('d3', 'Harga jual', [{ kind: 'map-lane', mapId: 'm1', laneId: 'lane-eko' }]),
]

const mountFor = (laneId: string) =>
  mount(LinkedDecisions, {
    props: { decisions, filter: { kind: 'map-lane', mapId: 'm1', laneId } },
    global: { plugins: [i18n], stubs: { RouterLink: RouterLinkStub } },
  })

describe('LinkedDecisions', () => {
  it('counts the decisions about this lane and links to each', () => {
    setLocale('id')
    const wrapper = mountFor('lane-kim')
    const linked = wrapper.get('[data-testid=linked-decisions]')
    expect(linked.attributes('data-count')).toBe('2')
    expect(linked.get('summary').text()).toContain('2 keputusan')
    const links = wrapper.findAllComponents(RouterLinkStub)
    expect(links.map((link) => link.props('to'))).toEqual([
      { name: 'decision', params: { decisionId: 'd1' } },
      { name: 'decision', params: { decisionId: 'd2' } },
    ])
  })

  it('shows nothing for a lane no decision names', () => {
    expect(mountFor('lane-bio').find('[data-testid=linked-decisions]').exists()).toBe(false)
  })
})
