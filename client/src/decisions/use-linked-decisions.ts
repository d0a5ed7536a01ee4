import { type InjectionKey, inject, provide, type Ref, shallowRef } from 'vue'
import { listDecisions } from './decisions-api.js'
import type { DecisionView } from './types.js'

export type LinkedScope = { planId: string } | { mapId: string }

interface LinkedDecisions {
  scope: LinkedScope | null
  decisions: Readonly<Ref<readonly DecisionView[]>>
}

const key: InjectionKey<LinkedDecisions> = Symbol('linked-decisions')

/** Loads the decisions linked to one plan or map, once per screen, and hands them to the fields and lanes below. */
export function provideLinkedDecisions(scope: LinkedScope): Readonly<Ref<readonly DecisionView[]>> {
  const decisions = shallowRef<readonly DecisionView[]>([])
  listDecisions(scope)
    .then((loaded) => {
      decisions.value = loaded
    })
    .catch(() => {
      // Without them the plan or map still works; the fields just show no decisions.
    })
  provide(key, { scope, decisions })
  return decisions
}

/** The decisions a workspace above provided; none when there is no such workspace. */
export function injectLinkedDecisions(): LinkedDecisions {
  return inject(key, { scope: null, decisions: shallowRef([]) })
}
