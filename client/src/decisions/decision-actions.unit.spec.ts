import {
  type Decision,
  type DecisionCommand,
  type DecisionMeeting,
  type DecisionState,
  decideDecision,
  defaultAgendas,
  evolveDecision,
  type Role,
} from '@rembuk/domain'
import { describe, expect, it } from 'vitest'
import { type DecisionActions, decisionActions } from './decision-actions.js'

type Event = Parameters<typeof evolveDecision>[1]

const meeting: DecisionMeeting = {
  meetingId: 'r1',
  chair: 'budi',
  agenda: defaultAgendas.protocol,
  closed: false,
}
const raised: Event = {
  type: 'ProposalRaised',
  data: {
    decisionId: 'd1',
    schoolId: 's1',
    proposedBy: 'sari',
    title: 'Fermentasi dua hari',
    text: 'Tape sudah matang pada hari kedua.',
    meetingId: 'r1',
    agendaKey: 'c',
    links: [],
  },
}
const option: Event = { type: 'OptionAdded', data: { optionId: 'o1', text: 'Dua hari' } }
const position = (memberId: string, taken: 'agree' | 'disagree' | 'block', reason = 'alasan'): Event => ({
  type: 'PositionTaken',
  data: { memberId, position: taken, reason },
})
const mediation: Event = { type: 'MediationNoted', data: { text: 'Uji coba dulu di satu kelas.' } }
const accepted: Event = { type: 'OutcomeRecorded', data: { outcome: 'accepted', rationale: 'Data suhu.' } }

const histories: Record<string, Event[]> = {
  'just raised': [raised, option],
  'with a disagreement': [raised, option, position('wati', 'disagree')],
  blocked: [raised, option, position('wati', 'block')],
  'blocked, then mediated': [raised, option, position('wati', 'block'), mediation],
  decided: [raised, option, position('wati', 'agree'), accepted],
}

/** One command per form: the form is shown exactly when the domain would take the command. */
const commands: Record<Exclude<keyof DecisionActions, 'outcomeHeldByBlock'>, DecisionCommand> = {
  addOption: { type: 'AddOption', optionId: 'o9', text: 'Tiga hari' },
  comment: { type: 'AddComment', commentId: 'k1', text: 'Setuju.' },
  takePosition: { type: 'TakePosition', position: 'abstain', reason: 'Belum yakin.' },
  mediate: { type: 'NoteMediation', text: 'Kita cari jalan tengah.' },
  recordOutcome: { type: 'RecordOutcome', outcome: 'deferred', rationale: 'Tunggu data.' },
  revisit: { type: 'Revisit', reason: 'Termometer rusak.' },
  linkChange: { type: 'LinkChange', docId: 'doc-1', revision: 3, note: '' },
}

const members: [string, Role][] = [
  ['kartini', 'principal'],
  ['budi', 'teacher'],
  ['sari', 'teacher'],
  ['pembimbing', 'coach'],
  ['pustakawan', 'staff'],
  ['komite', 'committee'],
  ['pengawas', 'supervisor'],
]

function allowedByDomain(command: DecisionCommand, state: DecisionState, memberId: string, role: Role) {
  try {
    decideDecision(command, state, { memberId, role, isMember: () => true }, meeting)
    return true
  } catch {
    return false
  }
}

describe('the forms a member sees on a decision', () => {
  for (const [history, events] of Object.entries(histories)) {
    const state = events.reduce<DecisionState>(evolveDecision, undefined) as Decision
    for (const [memberId, role] of members) {
      it(`match what the domain allows: ${role} ${memberId}, ${history}`, () => {
        const shown = decisionActions(state, { memberId, role }, meeting)
        for (const [action, command] of Object.entries(commands) as [
          keyof typeof commands,
          DecisionCommand,
        ][]) {
          expect({ action, shown: shown[action] }).toEqual({
            action,
            shown: allowedByDomain(command, state, memberId, role),
          })
        }
      })
    }
  }

  it('tells the chair and the principal why the outcome waits while a block stands', () => {
    const blocked = histories.blocked?.reduce<DecisionState>(evolveDecision, undefined) as Decision
    expect(decisionActions(blocked, { memberId: 'budi', role: 'teacher' }, meeting).outcomeHeldByBlock).toBe(
      true,
    )
    expect(
      decisionActions(blocked, { memberId: 'kartini', role: 'principal' }, meeting).outcomeHeldByBlock,
    ).toBe(true)
    expect(decisionActions(blocked, { memberId: 'sari', role: 'teacher' }, meeting).outcomeHeldByBlock).toBe(
      false,
    )
  })

  it('gives the chair of another meeting nothing to decide', () => {
    const open = histories['just raised']?.reduce<DecisionState>(evolveDecision, undefined) as Decision
    const other = { meetingId: 'r2', chair: 'budi' }
    expect(decisionActions(open, { memberId: 'budi', role: 'teacher' }, other).recordOutcome).toBe(false)
    expect(decisionActions(open, { memberId: 'budi', role: 'teacher' }, null).recordOutcome).toBe(false)
  })
})
