import { describe, expect, it } from 'vitest'
import { CommandRefused } from '../errors.js'
import type { Role } from '../school/roles.js'
import {
  decidePlan,
  evolvePlan,
  type PlanActor,
  type PlanCommand,
  type PlanState,
  planDocumentAccess,
} from './plan.js'

type Event = ReturnType<typeof decidePlan>[number]

const members: Record<string, Role> = {
  kepsek: 'principal',
  sari: 'teacher',
  budi: 'teacher',
  wati: 'teacher',
  pembimbing: 'coach',
  pengawas: 'supervisor',
  komite: 'committee',
  pustakawan: 'staff',
}
const as = (memberId: string): PlanActor => ({
  memberId,
  role: members[memberId] as Role,
  isMember: (id) => id in members,
})

const created: Event = {
  type: 'PlanCreated',
  data: {
    planId: 'p1',
    schoolId: 'sma-1',
    docId: 'plan-p1',
    title: 'Membuat tape ketan',
    grade: 'XI',
    subjects: ['Matematika', 'Kimia'],
    team: ['sari', 'budi'],
  },
}
const submitted: Event = { type: 'PlanSubmitted', data: {} }
const approved: Event = { type: 'PlanApproved', data: {} }
const archived: Event = { type: 'PlanArchived', data: {} }

function given(events: Event[]) {
  const state = events.reduce<PlanState>(evolvePlan, undefined)
  return {
    state,
    when: (command: PlanCommand, actor: string) => ({
      emits: (expected: Event[]) => expect(decidePlan(command, state, as(actor))).toEqual(expected),
      refused: (code: CommandRefused['code'], message: RegExp) => {
        let error: unknown
        try {
          decidePlan(command, state, as(actor))
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

const create = (team?: string[]): PlanCommand => {
  const { team: _, ...rest } = created.data as Extract<Event, { type: 'PlanCreated' }>['data']
  return { type: 'CreatePlan', ...rest, ...(team ? { team } : {}) }
}

describe('joint plan', () => {
  it('is created by a teacher or the principal, who joins the team', () => {
    given([])
      .when(create(['budi']), 'sari')
      .emits([created])
    given([])
      .when(create(), 'kepsek')
      .emits([{ type: 'PlanCreated', data: { ...created.data, team: ['kepsek'] } } as Event])
    for (const who of ['pembimbing', 'pengawas', 'komite', 'pustakawan']) {
      given([])
        .when(create(), who)
        .refused('forbidden', /may not start a plan/)
    }
    given([])
      .when(create(['orang-luar']), 'sari')
      .refused('invalid', /Not members of this school: orang-luar/)
    given([created])
      .when(create(), 'sari')
      .refused('conflict', /exists already/)
  })

  it('lets its team or the principal form the team, keeping at least one teacher', () => {
    given([created])
      .when({ type: 'AddTeamMember', memberId: 'wati' }, 'budi')
      .emits([{ type: 'PlanTeamMemberAdded', data: { memberId: 'wati' } }])
    given([created])
      .when({ type: 'AddTeamMember', memberId: 'wati' }, 'kepsek')
      .emits([{ type: 'PlanTeamMemberAdded', data: { memberId: 'wati' } }])
    given([created]).when({ type: 'AddTeamMember', memberId: 'sari' }, 'sari').emits([])
    given([created])
      .when({ type: 'AddTeamMember', memberId: 'wati' }, 'wati')
      .refused('forbidden', /plan team/)
    given([created])
      .when({ type: 'AddTeamMember', memberId: 'hantu' }, 'sari')
      .refused('invalid', /not a member/)
    const alone = [created, { type: 'PlanTeamMemberRemoved', data: { memberId: 'budi' } } as Event]
    expect(given(alone).state?.team).toEqual(['sari'])
    given(alone)
      .when({ type: 'RemoveTeamMember', memberId: 'sari' }, 'sari')
      .refused('conflict', /at least one/)
  })

  it('moves through the six steps while it is open to changes', () => {
    given([created])
      .when({ type: 'MoveStep', to: 'indicators' }, 'sari')
      .emits([{ type: 'PlanStepMoved', data: { from: 'competencies', to: 'indicators' } }])
    given([created]).when({ type: 'MoveStep', to: 'competencies' }, 'sari').emits([])
    given([created])
      .when({ type: 'MoveStep', to: 'indicators' }, 'wati')
      .refused('forbidden', /plan team/)
    given([created, submitted])
      .when({ type: 'MoveStep', to: 'indicators' }, 'sari')
      .refused('conflict', /submitted plan cannot move/)
  })

  it('goes to the principal for review: feedback sends it back, approval closes it', () => {
    given([created]).when({ type: 'SubmitPlan' }, 'budi').emits([submitted])
    given([created])
      .when({ type: 'SubmitPlan' }, 'kepsek')
      .refused('forbidden', /plan team submits/)
    given([created, submitted])
      .when({ type: 'GiveFeedback', feedback: 'Tambahkan indikator ekonomi.' }, 'kepsek')
      .emits([{ type: 'PlanFeedbackGiven', data: { feedback: 'Tambahkan indikator ekonomi.' } }])
    given([created, submitted])
      .when({ type: 'GiveFeedback', feedback: 'x' }, 'pembimbing')
      .refused('forbidden', /principal reviews/)
    given([created])
      .when({ type: 'ApprovePlan' }, 'kepsek')
      .refused('conflict', /planning plan cannot be approved/)
    const returned = [
      created,
      submitted,
      { type: 'PlanFeedbackGiven', data: { feedback: 'Perbaiki.' } } as Event,
    ]
    expect(given(returned).state).toMatchObject({ status: 'changes-requested', feedback: ['Perbaiki.'] })
    given(returned).when({ type: 'SubmitPlan' }, 'sari').emits([submitted])
    given([...returned, submitted])
      .when({ type: 'ApprovePlan' }, 'kepsek')
      .emits([approved])
  })

  it('is revised after approval, and archived for good', () => {
    given([created, submitted, approved])
      .when({ type: 'StartRevision', reason: 'Fermentasi jadi dua hari.' }, 'sari')
      .emits([{ type: 'PlanRevisionStarted', data: { reason: 'Fermentasi jadi dua hari.' } }])
    given([created])
      .when({ type: 'StartRevision', reason: 'x' }, 'sari')
      .refused('conflict', /cannot be revised/)
    given([created]).when({ type: 'ArchivePlan' }, 'kepsek').emits([archived])
    given([created])
      .when({ type: 'ArchivePlan' }, 'wati')
      .refused('forbidden', /archives/)
    given([created, archived])
      .when({ type: 'SubmitPlan' }, 'sari')
      .refused('conflict', /archived/)
  })

  it('opens its document for writing to the team and the principal while it is open to changes', () => {
    const plan = given([created]).state
    if (!plan) throw new Error('no plan')
    const access = (memberId: string, p = plan) =>
      planDocumentAccess(p, { memberId, role: members[memberId] as Role })
    expect(Object.keys(members).map((id) => [id, access(id)])).toEqual([
      ['kepsek', 'write'],
      ['sari', 'write'],
      ['budi', 'write'],
      ['wati', 'read'],
      ['pembimbing', 'read'],
      ['pengawas', 'read'],
      ['komite', 'read'],
      ['pustakawan', 'read'],
    ])
    for (const closed of [
      [created, submitted],
      [created, submitted, approved],
      [created, archived],
    ]) {
      const state = given(closed).state
      if (!state) throw new Error('no plan')
      expect(access('sari', state)).toBe('read')
    }
  })
})
