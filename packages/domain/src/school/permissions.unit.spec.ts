import { describe, expect, it } from 'vitest'
import { actions, can, documentAccess, permissionTable, resources } from './permissions.js'
import { type Role, roleLabels, roles } from './roles.js'

describe('the permission table', () => {
  it('names every role, resource and action, and nothing else', () => {
    for (const role of roles) {
      expect(Object.keys(permissionTable[role]).sort()).toEqual([...resources].sort())
      for (const resource of resources) {
        for (const action of permissionTable[role][resource]) expect(actions).toContain(action)
      }
    }
  })

  it('lets every role read everything of its school', () => {
    for (const role of roles) for (const resource of resources) expect(can(role, 'read', resource)).toBe(true)
  })

  it('keeps the supervisor and the committee read-only on documents, plans and maps', () => {
    for (const role of ['supervisor', 'committee'] as Role[]) {
      expect(documentAccess(role)).toBe('read')
      for (const resource of ['plan', 'map', 'document', 'member', 'school'] as const) {
        expect(actions.filter((action) => can(role, action, resource))).toEqual(['read'])
      }
    }
    expect(actions.filter((action) => can('supervisor', action, 'decision'))).toEqual(['read'])
  })

  it('gives review and member management to the principal alone', () => {
    for (const role of roles) {
      expect(can(role, 'review', 'plan')).toBe(role === 'principal')
      expect(can(role, 'create', 'member')).toBe(role === 'principal')
      expect(can(role, 'manage', 'school')).toBe(role === 'principal')
    }
  })

  it('lets teachers and the principal start plans and maps, and every writer edit documents', () => {
    const creators = roles.filter((role) => can(role, 'create', 'plan'))
    expect(creators).toEqual(['principal', 'teacher'])
    expect(roles.filter((role) => can(role, 'create', 'map'))).toEqual(['principal', 'teacher'])
    expect(roles.filter((role) => documentAccess(role) === 'write')).toEqual([
      'principal',
      'teacher',
      'coach',
      'staff',
    ])
  })

  it('has an Indonesian and an English label for every role', () => {
    expect(roleLabels.principal).toEqual({ id: 'Kepala Sekolah', en: 'Principal' })
    for (const role of roles)
      expect(roleLabels[role].id.length * roleLabels[role].en.length).toBeGreaterThan(0)
  })
})
