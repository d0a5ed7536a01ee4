import {
  type ActivityMapRecord,
  type ItemReview,
  itemReviewDocumentAccess,
  mapDocumentAccess,
  type Plan,
  planDocumentAccess,
  type Role,
  type TeamTeaching,
  teachingDocumentAccess,
} from '@rembuk/domain'

export type DocKind = 'plan' | 'map' | 'teaching' | 'item-review'

/** What a document belongs to, where it is edited, and what the member may do with its history. */
export interface DocOwner {
  kind: DocKind
  title: string
  /** The screen that edits the document. */
  path: string
  /** Writes the document now, so may restore an earlier revision. */
  mayRestore: boolean
  /** Gives revisions a name: the document's writers and the principal. */
  mayNameVersions: boolean
}

type Member = { memberId: string; role: Role }

/** The plan, map, team-teaching pair or item review whose document this is, by the server's access rules; null when none. */
export function docOwner(
  docId: string,
  plans: readonly Plan[],
  maps: readonly ActivityMapRecord[],
  member: Member,
  others: { teaching?: readonly TeamTeaching[]; itemReviews?: readonly ItemReview[] } = {},
): DocOwner | null {
  const plan = plans.find((candidate) => candidate.docId === docId)
  if (plan) {
    const access = planDocumentAccess(plan, member)
    return owner('plan', plan.title, `/rencana/${encodeURIComponent(plan.planId)}`, access, member)
  }
  const map = maps.find((candidate) => candidate.docId === docId)
  if (map) {
    const access = mapDocumentAccess(map, member)
    return owner('map', map.title, `/peta/${encodeURIComponent(map.mapId)}`, access, member)
  }
  const pair = others.teaching?.find((candidate) => candidate.docId === docId)
  if (pair) {
    const access = teachingDocumentAccess(pair, member)
    const path = `/mengajar-bersama/${encodeURIComponent(pair.teachingId)}`
    return owner('teaching', pair.title, path, access, member)
  }
  const review = others.itemReviews?.find((candidate) => candidate.docId === docId)
  if (review) {
    const access = itemReviewDocumentAccess(review, member)
    const path = `/telaah-soal/${encodeURIComponent(review.reviewId)}`
    return owner('item-review', review.testName, path, access, member)
  }
  return null
}

function owner(
  kind: DocKind,
  title: string,
  path: string,
  access: 'none' | 'read' | 'write',
  member: Member,
): DocOwner {
  return {
    kind,
    title,
    path,
    mayRestore: access === 'write',
    mayNameVersions: access === 'write' || (access === 'read' && member.role === 'principal'),
  }
}
