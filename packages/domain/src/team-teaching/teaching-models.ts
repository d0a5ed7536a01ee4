/** The team-teaching models of the guidebook. */
export const teachingModels = [
  'one-teach-one-observe',
  'one-teach-one-assist',
  'station',
  'parallel',
  'alternative',
  'teaming',
] as const
export type TeachingModel = (typeof teachingModels)[number]

/** What one teacher does in one lesson. */
export const lessonRoles = [
  'teach',
  'observe',
  'assist',
  'station',
  'parallel',
  'large-group',
  'small-group',
  'co-teach',
] as const
export type LessonRole = (typeof lessonRoles)[number]

export const teachingModelLabels: Record<TeachingModel, { id: string; en: string }> = {
  'one-teach-one-observe': { id: 'Satu mengajar, satu mengamati', en: 'One teach, one observe' },
  'one-teach-one-assist': { id: 'Satu mengajar, satu membantu', en: 'One teach, one assist' },
  station: { id: 'Stasiun', en: 'Station teaching' },
  parallel: { id: 'Paralel', en: 'Parallel teaching' },
  alternative: { id: 'Alternatif (berdiferensiasi)', en: 'Alternative (differentiated)' },
  teaming: { id: 'Tim (teaming)', en: 'Teaming' },
}

export const lessonRoleLabels: Record<LessonRole, { id: string; en: string }> = {
  teach: { id: 'Mengajar', en: 'Teaches' },
  observe: { id: 'Mengamati', en: 'Observes' },
  assist: { id: 'Membantu', en: 'Assists' },
  station: { id: 'Memandu stasiun', en: 'Leads a station' },
  parallel: { id: 'Mengajar separuh kelas', en: 'Teaches half the class' },
  'large-group': { id: 'Kelompok besar', en: 'Large group' },
  'small-group': { id: 'Kelompok kecil (berdiferensiasi)', en: 'Small group (differentiated)' },
  'co-teach': { id: 'Mengajar bersama', en: 'Teaches together' },
}

interface ModelRules {
  /** The roles a teacher may have in a lesson of this model. */
  roles: readonly LessonRole[]
  /** Exactly one teacher leads the lesson with this role; the others take `others`. */
  single?: { role: LessonRole; others: LessonRole }
  /** The lead passes to the next teacher when the next lesson is scheduled. */
  rotates: boolean
  /** Everyone's role in the first lesson, the teachers in their order. */
  first: (index: number) => LessonRole
}

const modelRules: Record<TeachingModel, ModelRules> = {
  'one-teach-one-observe': {
    roles: ['teach', 'observe'],
    single: { role: 'teach', others: 'observe' },
    rotates: true,
    first: (index) => (index === 0 ? 'teach' : 'observe'),
  },
  'one-teach-one-assist': {
    roles: ['teach', 'assist'],
    single: { role: 'teach', others: 'assist' },
    rotates: true,
    first: (index) => (index === 0 ? 'teach' : 'assist'),
  },
  station: { roles: ['station'], rotates: false, first: () => 'station' },
  parallel: { roles: ['parallel'], rotates: false, first: () => 'parallel' },
  alternative: {
    roles: ['large-group', 'small-group'],
    rotates: false,
    first: (index) => (index === 0 ? 'large-group' : 'small-group'),
  },
  teaming: { roles: ['co-teach'], rotates: false, first: () => 'co-teach' },
}

export interface RoleAssignment {
  memberId: string
  role: LessonRole
}

/** Whether the model swaps who leads from one lesson to the next. */
export const modelRotates = (model: TeachingModel): boolean => modelRules[model].rotates

/**
 * The roles of a newly scheduled lesson when none are chosen: the model's starting roles for the first lesson;
 * after that the previous lesson's roles, with the lead passed on to the next teacher where the model swaps.
 */
export function nextRoles(
  model: TeachingModel,
  teachers: readonly string[],
  previous: readonly RoleAssignment[] | undefined,
): RoleAssignment[] {
  const rules = modelRules[model]
  const fresh = teachers.map((memberId, index) => ({ memberId, role: rules.first(index) }))
  if (!previous || !fitsModel(model, teachers, previous)) return fresh
  if (!rules.single || !rules.rotates) return teachers.map((memberId) => roleIn(previous, memberId))
  const { role, others } = rules.single
  const lead = teachers.findIndex((memberId) => roleIn(previous, memberId).role === role)
  const nextLead = teachers[(lead + 1) % teachers.length]
  return teachers.map((memberId) => ({ memberId, role: memberId === nextLead ? role : others }))
}

function roleIn(roles: readonly RoleAssignment[], memberId: string): RoleAssignment {
  return roles.find((entry) => entry.memberId === memberId) as RoleAssignment
}

/** Why these roles do not fit the model and the teachers, or undefined when they do. */
export function rolesProblem(
  model: TeachingModel,
  teachers: readonly string[],
  roles: readonly RoleAssignment[],
): string | undefined {
  const rules = modelRules[model]
  const named = roles.map((entry) => entry.memberId)
  if (new Set(named).size !== named.length) return 'A teacher has more than one role'
  if (named.length !== teachers.length || !teachers.every((id) => named.includes(id)))
    return 'Every teacher of the arrangement needs exactly one role'
  const wrong = roles.find((entry) => !rules.roles.includes(entry.role))
  if (wrong) return `The role ${wrong.role} is not part of the ${model} model`
  if (rules.single && roles.filter((entry) => entry.role === rules.single?.role).length !== 1)
    return `Exactly one teacher has the role ${rules.single.role}`
  return undefined
}

const fitsModel = (model: TeachingModel, teachers: readonly string[], roles: readonly RoleAssignment[]) =>
  rolesProblem(model, teachers, roles) === undefined
