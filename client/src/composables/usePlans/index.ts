import type { Plan } from '@rembuk/domain'
import { ref, shallowRef } from 'vue'
import { useSession } from '../useSession/index.js'

export type PlanView = Plan & { id: string; updated?: string }

export const planStatusLabels: Record<Plan['status'], string> = {
  planning: 'Perencanaan',
  submitted: 'Diajukan',
  'changes-requested': 'Perlu perbaikan',
  approved: 'Disetujui',
  revising: 'Direvisi',
  archived: 'Diarsipkan',
}

/** The school's joint plans, newest change first, and starting a new one. */
export function usePlans() {
  const { authorizedFetch } = useSession()
  const plans = shallowRef<PlanView[]>([])
  const error = ref('')

  async function load() {
    const response = await authorizedFetch('/api/plans')
    if (!response.ok) {
      error.value = 'Daftar rencana tidak dapat dimuat.'
      return
    }
    error.value = ''
    plans.value = (await response.json()) as PlanView[]
  }

  async function create(input: {
    title: string
    grade: string
    subjects: string[]
  }): Promise<PlanView | null> {
    const response = await authorizedFetch('/api/plans', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    })
    const body = (await response.json()) as PlanView & { message?: string }
    if (!response.ok) {
      error.value = body.message ?? 'Rencana tidak dapat dibuat.'
      return null
    }
    await load()
    return body
  }

  return { plans, error, load, create }
}
