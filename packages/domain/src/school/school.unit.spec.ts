import { describe, expect, it } from 'vitest'
import { CommandRefused } from '../errors.js'
import { decideSchool, evolveSchool, type SchoolCommand, type SchoolState, schoolMetadata } from './school.js'

type Event = ReturnType<typeof decideSchool>[number]

const setUp: Event = {
  type: 'SchoolSetUp',
  data: {
    schoolId: 'sma-1',
    name: 'SMA Negeri 1 Contoh',
    principal: { memberId: 'kepsek', name: 'Bu Kepala', email: 'kepala@sma1.sch.id' },
  },
}
const invited = (memberId: string, role: 'teacher' | 'principal' | 'supervisor' = 'teacher'): Event => ({
  type: 'MemberInvited',
  data: { memberId, name: `Nama ${memberId}`, email: `${memberId}@sma1.sch.id`, role },
})

/** Given these past events, when the command is decided: the events it leads to, or the refusal. */
function given(events: Event[]) {
  const state = events.reduce<SchoolState>(evolveSchool, undefined)
  return {
    state,
    when(command: SchoolCommand) {
      return {
        emits: (expected: Event[]) => expect(decideSchool(command, state)).toEqual(expected),
        refused: (code: CommandRefused['code'], message: RegExp) => {
          const error = (() => {
            try {
              decideSchool(command, state)
            } catch (e) {
              return e
            }
          })()
          expect(error).toBeInstanceOf(CommandRefused)
          expect((error as CommandRefused).code).toBe(code)
          expect((error as CommandRefused).message).toMatch(message)
        },
      }
    },
  }
}

describe('school', () => {
  it('is set up once, with its principal', () => {
    given([])
      .when({ type: 'SetUpSchool', ...setUp.data } as SchoolCommand)
      .emits([setUp])
    given([setUp])
      .when({ type: 'SetUpSchool', ...setUp.data } as SchoolCommand)
      .refused('conflict', /already has a school/)
    expect(given([setUp]).state?.members.get('kepsek')?.role).toBe('principal')
  })

  it('lets the principal invite members with a role', () => {
    const guru = {
      memberId: 'guru-sari',
      name: 'Bu Sari',
      email: 'sari@sma1.sch.id',
      role: 'teacher' as const,
    }
    given([setUp])
      .when({ type: 'InviteMember', by: 'kepsek', member: guru })
      .emits([{ type: 'MemberInvited', data: guru }])
  })

  it('refuses an invitation from anyone but the principal, and before set-up', () => {
    const member = { memberId: 'x', name: 'X', email: 'x@sma1.sch.id', role: 'teacher' as const }
    given([setUp, invited('guru-a')])
      .when({ type: 'InviteMember', by: 'guru-a', member })
      .refused('forbidden', /Only the principal/)
    given([setUp])
      .when({ type: 'InviteMember', by: 'orang-luar', member })
      .refused('forbidden', /Only the principal/)
    given([])
      .when({ type: 'InviteMember', by: 'kepsek', member })
      .refused('not_found', /not been set up/)
  })

  it('refuses a taken member id or an email already in the school', () => {
    given([setUp, invited('guru-a')])
      .when({
        type: 'InviteMember',
        by: 'kepsek',
        member: { ...invited('guru-a').data, email: 'baru@sma1.sch.id' } as never,
      })
      .refused('conflict', /member id is taken/)
    given([setUp, invited('guru-a')])
      .when({
        type: 'InviteMember',
        by: 'kepsek',
        member: { ...invited('guru-a').data, memberId: 'lain' } as never,
      })
      .refused('conflict', /already a member/)
  })

  it('changes a role, and does nothing when the role is the same', () => {
    given([setUp, invited('guru-a')])
      .when({ type: 'ChangeRole', by: 'kepsek', memberId: 'guru-a', role: 'coach' })
      .emits([{ type: 'MemberRoleChanged', data: { memberId: 'guru-a', from: 'teacher', to: 'coach' } }])
    given([setUp, invited('guru-a')])
      .when({ type: 'ChangeRole', by: 'kepsek', memberId: 'guru-a', role: 'teacher' })
      .emits([])
    expect(
      given([
        setUp,
        invited('guru-a'),
        { type: 'MemberRoleChanged', data: { memberId: 'guru-a', from: 'teacher', to: 'coach' } },
      ]).state?.members.get('guru-a')?.role,
    ).toBe('coach')
  })

  it('always keeps one principal', () => {
    given([setUp])
      .when({ type: 'ChangeRole', by: 'kepsek', memberId: 'kepsek', role: 'teacher' })
      .refused('conflict', /at least one principal/)
    given([setUp])
      .when({ type: 'RemoveMember', by: 'kepsek', memberId: 'kepsek' })
      .refused('conflict', /at least one principal/)
    given([setUp, invited('wakil', 'principal')])
      .when({ type: 'RemoveMember', by: 'wakil', memberId: 'kepsek' })
      .emits([{ type: 'MemberRemoved', data: { memberId: 'kepsek' } }])
  })

  it('removes a member, who then can do nothing', () => {
    const removed: Event = { type: 'MemberRemoved', data: { memberId: 'wakil' } }
    const history = [setUp, invited('wakil', 'principal'), removed]
    expect(given(history).state?.members.has('wakil')).toBe(false)
    given(history)
      .when({
        type: 'InviteMember',
        by: 'wakil',
        member: { memberId: 'y', name: 'Y', email: 'y@sma1.sch.id', role: 'teacher' },
      })
      .refused('forbidden', /Only the principal/)
    given([setUp])
      .when({ type: 'RemoveMember', by: 'kepsek', memberId: 'hantu' })
      .refused('not_found', /No member hantu/)
  })

  it('names the actor and the school in event metadata', () => {
    const school = given([setUp]).state
    if (!school) throw new Error('no school')
    expect(schoolMetadata(school, 'kepsek')).toEqual({
      actorId: 'kepsek',
      schoolId: 'sma-1',
      actorName: 'Bu Kepala',
    })
  })
})
