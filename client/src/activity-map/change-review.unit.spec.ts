import type { ActivityMapRecord } from '@rembuk/domain'
import { describe, expect, it } from 'vitest'
import { laneReview } from './change-review.js'

const change: ActivityMapRecord['activityChanges'][number] = {
  changeId: 'ch1',
  announcedBy: 'budi',
  summary: 'Dua hari',
  before: { title: 'Tape', description: 'tiga hari' },
  after: { title: 'Tape', description: 'dua hari' },
  docRevision: 3,
  lanes: [
    { laneId: 'kim', subject: 'Kimia', teacherId: 'budi', teacherName: 'Pak Budi' },
    { laneId: 'mat', subject: 'Matematika', teacherId: 'sari', teacherName: 'Bu Sari' },
    { laneId: 'eko', subject: 'Ekonomi', teacherId: null, teacherName: '' },
  ],
  acknowledgements: [{ laneId: 'kim', memberId: 'budi' }],
}
const map = { team: ['budi', 'sari'], archived: false }

describe('the review of a flagged lane', () => {
  it('is done by whoever acknowledged it, and offered to its teacher only while waiting', () => {
    expect(laneReview(map, change, 'kim', 'budi')).toEqual({ reviewedBy: 'budi', mine: false })
    expect(laneReview(map, change, 'mat', 'sari')).toEqual({ reviewedBy: null, mine: true })
    expect(laneReview(map, change, 'mat', 'budi')).toEqual({ reviewedBy: null, mine: false })
  })

  it('offers a lane without a member teacher to the map team, and nothing on an archived map', () => {
    expect(laneReview(map, change, 'eko', 'sari').mine).toBe(true)
    expect(laneReview(map, change, 'eko', 'tamu').mine).toBe(false)
    expect(laneReview({ ...map, archived: true }, change, 'mat', 'sari').mine).toBe(false)
  })
})
