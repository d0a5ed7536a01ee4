import type { NamedVersion, TimelineEntry } from '@rembuk/domain'
import { describe, expect, it } from 'vitest'
import { peopleOf, touchedBy, withVersionMarkers } from './timeline-items.js'

const entry = (revision: number, actorId = 'm-1', actorName: string | null = 'Bu Sari'): TimelineEntry => ({
  revision,
  type: 'DocUpdated',
  actorId,
  actorName,
  time: '2025-03-04T03:15:00.000Z',
  size: 10,
  updates: 1,
  changes: [],
})
const version = (revision: number, name: string): NamedVersion => ({
  revision,
  name,
  by: { memberId: 'm-0', name: 'Bu Kepala' },
  at: '2025-03-05T03:15:00.000Z',
})
const shape = (items: ReturnType<typeof withVersionMarkers>) =>
  items.map((item) => (item.kind === 'entry' ? item.entry.revision : item.version.name))

describe('named versions in the timeline', () => {
  it('places each version right after the revision it names, in revision order', () => {
    const items = withVersionMarkers(
      [entry(1), entry(3), entry(4)],
      [version(4, 'akhir'), version(3, 'rapat'), version(2, 'antara')],
      true,
    )
    expect(shape(items)).toEqual([1, 'antara', 3, 'rapat', 4, 'akhir'])
  })

  it('keeps versions beyond the last entry until the list is complete', () => {
    const versions = [version(1, 'awal'), version(9, 'nanti')]
    expect(shape(withVersionMarkers([entry(0), entry(1)], versions, false))).toEqual([0, 1, 'awal'])
    expect(shape(withVersionMarkers([entry(0), entry(1)], versions, true))).toEqual([0, 1, 'awal', 'nanti'])
  })
})

describe('people to filter by', () => {
  it('lists the members and whoever else the entries name, by name', () => {
    const members = [
      { memberId: 'm-2', name: 'Pak Budi' },
      { memberId: 'm-1', name: 'Bu Sari' },
    ]
    const entries = [entry(0, 'm-1'), entry(1, 'm-9', 'Bu Ani (keluar)'), entry(2, 'm-8', null)]
    expect(peopleOf(members, entries)).toEqual([
      { memberId: 'm-9', name: 'Bu Ani (keluar)' },
      { memberId: 'm-1', name: 'Bu Sari' },
      { memberId: 'm-8', name: 'm-8' },
      { memberId: 'm-2', name: 'Pak Budi' },
    ])
  })
})

describe('what an event touched', () => {
  it('names each root and each lane it changed', () => {
    const changed = {
      ...entry(4),
      changes: [{ path: ['lanes', 'lane-k', 'tasks'], label: 'Kimia' }, { path: ['activity', 'title'] }],
    }
    expect(touchedBy(changed)).toEqual(new Set(['lanes', 'lane-k', 'activity']))
    expect(touchedBy(null)).toEqual(new Set())
  })
})
