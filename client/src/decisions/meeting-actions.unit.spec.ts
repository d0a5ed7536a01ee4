import { decideMeeting, defaultAgendas, type Meeting, type Role } from '@rembuk/domain'
import { describe, expect, it } from 'vitest'
import { meetingActions } from './meeting-actions.js'

const meeting = (closed: boolean): Meeting => ({
  meetingId: 'r1',
  schoolId: 's1',
  kind: 'protocol',
  title: 'Rapat protokol Maret',
  date: '2026-03-12',
  chair: 'budi',
  agenda: defaultAgendas.protocol,
  attendance: [],
  notes: [],
  closed,
})

const members: [string, Role][] = [
  ['kartini', 'principal'],
  ['budi', 'teacher'],
  ['sari', 'teacher'],
  ['komite', 'committee'],
  ['pengawas', 'supervisor'],
]

describe('what a member may do in a meeting', () => {
  for (const closed of [false, true]) {
    for (const [memberId, role] of members) {
      it(`runs it exactly when the domain lets them note: ${role} ${memberId}, ${closed ? 'closed' : 'open'}`, () => {
        let allowed = true
        try {
          decideMeeting({ type: 'AddMeetingNote', agendaKey: 'a', text: 'Catatan' }, meeting(closed), {
            memberId,
            role,
            isMember: () => true,
          })
        } catch {
          allowed = false
        }
        expect(meetingActions(meeting(closed), { memberId, role }).run).toBe(allowed)
      })
    }
  }

  it('takes proposals from those who may raise them, until it is closed', () => {
    expect(meetingActions(meeting(false), { memberId: 'sari', role: 'teacher' }).raiseProposal).toBe(true)
    expect(meetingActions(meeting(false), { memberId: 'komite', role: 'committee' }).raiseProposal).toBe(
      false,
    )
    expect(meetingActions(meeting(true), { memberId: 'sari', role: 'teacher' }).raiseProposal).toBe(false)
  })
})
