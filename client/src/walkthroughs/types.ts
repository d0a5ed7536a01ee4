import type { FollowUpHub, FollowUpLoop, WalkthroughFocus, WalkthroughView } from '@rembuk/domain'

/** A walkthrough as the server shows it to this member, with its follow-up loop. */
export type WalkthroughItem = WalkthroughView & {
  id: string
  loop: FollowUpLoop | null
  followedUpBy: string[]
  created: string
  updated: string
}

/** One event of a walkthrough's history, as far as this member may see it. */
export interface WalkthroughEventView {
  type: string
  actorId: string
  actorName: string
  at: string
  data: Record<string, unknown>
}

export type WalkthroughDetail = WalkthroughItem & { events: WalkthroughEventView[] }

export type HubView = FollowUpHub & {
  inProgress: {
    walkthroughId: string
    observer: string
    observed: string
    className: string
    lessonAt: string
    focuses: WalkthroughFocus[]
    status: WalkthroughView['status']
  }[]
}

export interface NewWalkthrough {
  observer: string
  observed: string
  className: string
  lessonAt: string
  focuses: WalkthroughFocus[]
  followsUp?: string
}
