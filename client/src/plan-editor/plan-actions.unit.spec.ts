import { decidePlan, type Plan, type PlanCommand, type Role } from '@rembuk/domain'
import { describe, expect, it } from 'vitest'
import { type PlanActions, planActions } from './plan-actions.js'

const plan = (status: Plan['status']): Plan => ({
  planId: 'p1',
  schoolId: 's1',
  docId: 'plan-p1',
  title: 'Tape ketan',
  grade: 'XI',
  subjects: ['Kimia'],
  team: ['sari'],
  step: 'competencies',
  status,
  feedback: [],
})

const commands: Record<keyof PlanActions, PlanCommand> = {
  submit: { type: 'SubmitPlan' },
  review: { type: 'ApprovePlan' },
  revise: { type: 'StartRevision', reason: 'hasil uji coba' },
  moveStep: { type: 'MoveStep', to: 'indicators' },
  archive: { type: 'ArchivePlan' },
  formTeam: { type: 'AddTeamMember', memberId: 'budi' },
}

const allowedByDomain = (command: PlanCommand, state: Plan, memberId: string, role: Role) => {
  try {
    decidePlan(command, state, { memberId, role, isMember: () => true })
    return true
  } catch {
    return false
  }
}

describe('the workflow buttons of a plan', () => {
  const statuses: Plan['status'][] = [
    'planning',
    'submitted',
    'changes-requested',
    'approved',
    'revising',
    'archived',
  ]
  const members: [string, Role][] = [
    ['sari', 'teacher'],
    ['budi', 'teacher'],
    ['kepsek', 'principal'],
    ['pengawas', 'supervisor'],
  ]

  for (const status of statuses) {
    for (const [memberId, role] of members) {
      it(`match what the domain allows: ${role} ${memberId}, ${status} plan`, () => {
        const shown = planActions(plan(status), { memberId, role })
        for (const [action, command] of Object.entries(commands) as [keyof PlanActions, PlanCommand][]) {
          expect({ action, shown: shown[action] }).toEqual({
            action,
            shown: allowedByDomain(command, plan(status), memberId, role),
          })
        }
      })
    }
  }
})
