import type { WalkthroughView } from '@rembuk/domain'

export interface WalkthroughActions {
  agree: boolean
  proposeOtherTime: boolean
  cancel: boolean
  recordNote: boolean
  completeObservation: boolean
  converse: boolean
  reflect: boolean
  commit: boolean
  citeInPlan: boolean
}

/** Which forms a member sees on a walkthrough: the same rules the server decides by. */
export function walkthroughActions(
  walkthrough: WalkthroughView & { followedUpBy?: readonly string[] },
  memberId: string,
): WalkthroughActions {
  const { status, relation } = walkthrough
  const inPair = relation !== 'other'
  const observer = relation === 'observer'
  const observed = relation === 'observed'
  const talked = status === 'observed' || status === 'committed'
  const bothReflected = [walkthrough.observer, walkthrough.observed].every((id) =>
    walkthrough.reflectedBy.includes(id),
  )
  const cited = walkthrough.planCitations.length > 0 || (walkthrough.followedUpBy?.length ?? 0) > 0
  return {
    agree: status === 'proposed' && walkthrough.awaiting === memberId,
    proposeOtherTime: status === 'proposed' && inPair,
    cancel: (status === 'proposed' || status === 'agreed') && inPair,
    recordNote: status === 'agreed' && observer,
    completeObservation: status === 'agreed' && observer && walkthrough.notes.length > 0,
    converse: talked && inPair,
    reflect: talked && inPair,
    commit: talked && observed && bothReflected && !cited,
    citeInPlan: observed && walkthrough.commitment !== null,
  }
}
