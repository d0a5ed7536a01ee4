import { describe, expect, it } from 'vitest'
import { CommandRefused } from '../errors.js'
import type { Role } from '../school/roles.js'
import type { TeamActor } from '../team.js'
import {
  type DecisionCommand,
  type DecisionMeeting,
  type DecisionState,
  decideDecision,
  evolveDecision,
} from './decision.js'
import { defaultAgendas } from './meeting-events.js'

type Event = ReturnType<typeof decideDecision>[number]

const members: Record<string, Role> = {
  kepsek: 'principal',
  sari: 'teacher',
  budi: 'teacher',
  wati: 'teacher',
  pembimbing: 'coach',
  pustakawan: 'staff',
  komite: 'committee',
  pengawas: 'supervisor',
}
const as = (memberId: string): TeamActor => ({
  memberId,
  role: members[memberId] as Role,
  isMember: (id) => id in members,
})

/** Budi chairs the protocol meeting r1. */
const meeting: DecisionMeeting = {
  meetingId: 'r1',
  chair: 'budi',
  agenda: defaultAgendas.protocol,
  closed: false,
}

const links = [
  { kind: 'plan-field', planId: 'p1', field: 'assessment' },
  { kind: 'map-lane', mapId: 'm1', laneId: 'lane-kim' },
] as const
const raised: Event = {
  type: 'ProposalRaised',
  data: {
    decisionId: 'd1',
    schoolId: 'sma-1',
    proposedBy: 'sari',
    title: 'Suhu diukur dua kali sehari',
    text: 'Kimia mengukur suhu pagi dan sore selama fermentasi tape ketan.',
    meetingId: 'r1',
    agendaKey: 'c',
    links: [...links],
  },
}
const option: Event = { type: 'OptionAdded', data: { optionId: 'o1', text: 'Pagi dan sore' } }
const position = (memberId: string, taken: string, reason = ''): Event =>
  ({ type: 'PositionTaken', data: { memberId, position: taken, reason } }) as Event
const mediation: Event = {
  type: 'MediationNoted',
  data: { text: 'Kepala sekolah menengahi: uji coba dua minggu.' },
}
const accepted: Event = {
  type: 'OutcomeRecorded',
  data: {
    outcome: 'accepted',
    optionId: 'o1',
    rationale: 'Data suhu lebih lengkap.',
    reviewDate: '2025-09-01',
  },
}

function given(events: Event[]) {
  const state = events.reduce<DecisionState>(evolveDecision, undefined)
  return {
    state,
    when: (command: DecisionCommand, actor: string, inMeeting: DecisionMeeting | null = meeting) => ({
      emits: (expected: Event[]) =>
        expect(decideDecision(command, state, as(actor), inMeeting ?? undefined)).toEqual(expected),
      refused: (code: CommandRefused['code'], message: RegExp) => {
        let error: unknown
        try {
          decideDecision(command, state, as(actor), inMeeting ?? undefined)
        } catch (e) {
          error = e
        }
        expect(error).toBeInstanceOf(CommandRefused)
        expect((error as CommandRefused).code).toBe(code)
        expect((error as CommandRefused).message).toMatch(message)
      },
    }),
  }
}

const raise = (
  extra: Partial<Extract<DecisionCommand, { type: 'RaiseProposal' }>> = {},
): DecisionCommand => ({
  type: 'RaiseProposal',
  decisionId: 'd1',
  schoolId: 'sma-1',
  title: raised.data.title as string,
  text: (raised.data as { text: string }).text,
  meetingId: 'r1',
  agendaKey: 'c',
  links: [...links, links[0]],
  ...extra,
})
const outcome = (
  extra: Partial<Extract<DecisionCommand, { type: 'RecordOutcome' }>> = {},
): DecisionCommand => ({
  type: 'RecordOutcome',
  outcome: 'accepted',
  optionId: 'o1',
  rationale: 'Data suhu lebih lengkap.',
  reviewDate: '2025-09-01',
  ...extra,
})

describe('decision', () => {
  it('is raised as a proposal by those who may create decisions, under an item of an open meeting', () => {
    given([]).when(raise(), 'sari').emits([raised])
    given([])
      .when(raise({ meetingId: undefined, agendaKey: undefined, links: [] }), 'pembimbing', null)
      .emits([
        {
          type: 'ProposalRaised',
          data: { ...raised.data, proposedBy: 'pembimbing', meetingId: null, agendaKey: null, links: [] },
        } as Event,
      ])
    for (const who of ['pustakawan', 'komite', 'pengawas']) {
      given([])
        .when(raise(), who)
        .refused('forbidden', /may not raise a proposal/)
    }
    given([])
      .when(raise({ agendaKey: 'z' }), 'sari')
      .refused('invalid', /no item z/)
    given([])
      .when(raise({ meetingId: undefined }), 'sari', null)
      .refused('invalid', /belongs to a meeting/)
    given([])
      .when(raise(), 'sari', null)
      .refused('not_found', /No such meeting/)
    given([])
      .when(raise(), 'sari', { ...meeting, closed: true })
      .refused('conflict', /meeting is closed/)
    given([raised])
      .when(raise(), 'sari')
      .refused('conflict', /exists already/)
  })

  it('takes options from those who may create decisions, while it is open', () => {
    given([raised]).when({ type: 'AddOption', optionId: 'o1', text: 'Pagi dan sore' }, 'wati').emits([option])
    given([raised])
      .when({ type: 'AddOption', optionId: 'o1', text: 'x' }, 'komite')
      .refused('forbidden', /may not add options/)
    given([raised, option])
      .when({ type: 'AddOption', optionId: 'o1', text: 'x' }, 'sari')
      .refused('conflict', /exists already/)
    given([raised, option, accepted])
      .when({ type: 'AddOption', optionId: 'o2', text: 'x' }, 'sari')
      .refused('conflict', /decided proposal takes no new options/)
  })

  it('takes comments from everyone who may comment, naming who wrote them', () => {
    for (const who of ['sari', 'pustakawan', 'komite']) {
      given([raised])
        .when({ type: 'AddComment', commentId: 'k1', text: 'Setuju, asal ada termometer.' }, who)
        .emits([
          {
            type: 'CommentAdded',
            data: { commentId: 'k1', memberId: who, text: 'Setuju, asal ada termometer.' },
          },
        ])
    }
    given([raised])
      .when({ type: 'AddComment', commentId: 'k1', text: 'x' }, 'pengawas')
      .refused('forbidden', /may not comment/)
    given([])
      .when({ type: 'AddComment', commentId: 'k1', text: 'x' }, 'sari')
      .refused('not_found', /No such decision/)
  })

  it('keeps every position: the latest per member in the state, the earlier ones beside it', () => {
    given([raised])
      .when({ type: 'TakePosition', position: 'agree', reason: '' }, 'budi')
      .emits([position('budi', 'agree')])
    given([raised])
      .when({ type: 'TakePosition', position: 'abstain', reason: '' }, 'komite')
      .emits([position('komite', 'abstain')])
    given([raised, position('budi', 'agree')])
      .when({ type: 'TakePosition', position: 'agree', reason: '' }, 'budi')
      .emits([])
    const changed = given([
      raised,
      position('budi', 'agree'),
      position('wati', 'disagree', 'Sore hari tidak ada guru kimia.'),
      position('budi', 'disagree', 'Setelah dipikir, jadwal terlalu padat.'),
    ]).state
    expect(changed?.positions).toEqual([
      { memberId: 'budi', position: 'disagree', reason: 'Setelah dipikir, jadwal terlalu padat.' },
      { memberId: 'wati', position: 'disagree', reason: 'Sore hari tidak ada guru kimia.' },
    ])
    expect(changed?.earlierPositions).toEqual([{ memberId: 'budi', position: 'agree', reason: '' }])
  })

  it('refuses positions from those who may only read, without a reason to object, or once decided', () => {
    given([raised])
      .when({ type: 'TakePosition', position: 'agree', reason: '' }, 'pengawas')
      .refused('forbidden', /supervisor may not take a position/)
    for (const objection of ['disagree', 'block'] as const) {
      given([raised])
        .when({ type: 'TakePosition', position: objection, reason: '  ' }, 'wati')
        .refused('invalid', new RegExp(`To ${objection}, give a reason`))
    }
    given([raised, accepted])
      .when({ type: 'TakePosition', position: 'agree', reason: '' }, 'wati')
      .refused('conflict', /takes no more positions/)
  })

  it('lets only the principal note a mediation, and only when someone disagrees or blocks', () => {
    const disagreed = [raised, position('wati', 'disagree', 'Terlalu padat.')]
    given(disagreed)
      .when({ type: 'NoteMediation', text: mediation.data.text as string }, 'kepsek')
      .emits([mediation])
    given(disagreed)
      .when({ type: 'NoteMediation', text: 'x' }, 'budi')
      .refused('forbidden', /Only the principal mediates/)
    given([raised, position('wati', 'agree')])
      .when({ type: 'NoteMediation', text: 'x' }, 'kepsek')
      .refused('conflict', /nothing to mediate/)
    given([raised, position('wati', 'disagree', 'Terlalu padat.'), position('wati', 'agree')])
      .when({ type: 'NoteMediation', text: 'x' }, 'kepsek')
      .refused('conflict', /nothing to mediate/)
  })

  it("has its outcome recorded by the principal or the meeting's chair", () => {
    given([raised, option]).when(outcome(), 'kepsek').emits([accepted])
    given([raised, option]).when(outcome(), 'budi').emits([accepted])
    given([raised, option])
      .when(outcome({ outcome: 'deferred', optionId: undefined, reviewDate: undefined }), 'budi')
      .emits([
        { type: 'OutcomeRecorded', data: { outcome: 'deferred', rationale: 'Data suhu lebih lengkap.' } },
      ])
    given([raised, option])
      .when(outcome(), 'budi', { ...meeting, meetingId: 'r2' })
      .refused('forbidden', /principal or the meeting's chair records/)
    for (const who of ['sari', 'wati', 'pembimbing', 'pengawas']) {
      given([raised, option])
        .when(outcome(), who)
        .refused('forbidden', /principal or the meeting's chair records/)
    }
    given([raised, option])
      .when(outcome({ optionId: 'o9' }), 'kepsek')
      .refused('invalid', /no option o9/)
    given([raised, option, accepted])
      .when(outcome(), 'kepsek')
      .refused('conflict', /revisit it first/)
    expect(given([raised, option, accepted]).state).toMatchObject({
      status: 'decided',
      outcome: accepted.data,
    })
  })

  it('holds the outcome while a block stands, until the principal has mediated', () => {
    const blocked = [raised, option, position('wati', 'block', 'Belum ada termometer.')]
    given(blocked)
      .when(outcome(), 'budi')
      .refused('conflict', /A block stands/)
    given(blocked)
      .when(outcome(), 'kepsek')
      .refused('conflict', /A block stands/)
    given([...blocked, mediation])
      .when(outcome(), 'budi')
      .refused('conflict', /A block stands/)
    given([...blocked, mediation])
      .when(outcome(), 'kepsek')
      .emits([accepted])
    given([...blocked, mediation, position('sari', 'block', 'Sore saya mengajar.')])
      .when(outcome(), 'kepsek')
      .refused('conflict', /A block stands/)
    given([...blocked, position('wati', 'agree')])
      .when(outcome(), 'budi')
      .emits([accepted])
  })

  it('is revisited by the principal or the chair, which reopens it', () => {
    const decided = [raised, option, accepted]
    const revisited: Event = { type: 'DecisionRevisited', data: { reason: 'Termometer rusak.' } }
    given(decided).when({ type: 'Revisit', reason: 'Termometer rusak.' }, 'budi').emits([revisited])
    given(decided).when({ type: 'Revisit', reason: 'Termometer rusak.' }, 'kepsek').emits([revisited])
    given(decided)
      .when({ type: 'Revisit', reason: 'x' }, 'sari')
      .refused('forbidden', /principal or the meeting's chair revisits/)
    given([raised])
      .when({ type: 'Revisit', reason: 'x' }, 'kepsek')
      .refused('conflict', /still open/)
    expect(given([...decided, revisited]).state).toMatchObject({
      status: 'open',
      outcome: null,
      earlierOutcomes: [accepted.data],
      revisits: ['Termometer rusak.'],
    })
    given([...decided, revisited])
      .when({ type: 'TakePosition', position: 'agree', reason: '' }, 'wati')
      .emits([position('wati', 'agree')])
  })

  it('records document revisions made because of it, by those who edit plans or maps', () => {
    const change: DecisionCommand = {
      type: 'LinkChange',
      docId: 'rencana-p1',
      revision: 12,
      note: 'Asesmen suhu.',
    }
    const linked: Event = {
      type: 'ChangeLinked',
      data: { docId: 'rencana-p1', revision: 12, note: 'Asesmen suhu.' },
    }
    given([raised, accepted]).when(change, 'sari').emits([linked])
    given([raised, accepted]).when(change, 'kepsek').emits([linked])
    given([raised, accepted, linked]).when(change, 'sari').emits([])
    expect(given([raised, accepted, linked]).state?.changes).toEqual([linked.data])
    for (const who of ['pembimbing', 'pustakawan', 'komite', 'pengawas']) {
      given([raised, accepted])
        .when(change, who)
        .refused('forbidden', /makes no changes to plans or maps/)
    }
  })
})
