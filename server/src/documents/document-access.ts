import { Injectable } from '@nestjs/common'
import {
  itemReviewDocumentAccess,
  mapDocumentAccess,
  planDocumentAccess,
  type Role,
  teachingDocumentAccess,
} from '@rembuk/domain'
import { ItemReviewDirectory } from '../item-reviews/item-review-directory.js'
import { MapDirectory } from '../maps/map-directory.js'
import { PlanDirectory } from '../plans/plan-directory.js'
import { TeachingDirectory } from '../team-teaching/teaching-directory.js'

/**
 * Which live documents exist and who may do what on them. A document is always part of something (a joint
 * plan, an activity map, a team-teaching arrangement or an item review); one of another school is, for this member, a
 * document that does not exist.
 */
@Injectable()
export class DocumentAccess {
  constructor(
    private readonly plans: PlanDirectory,
    private readonly maps: MapDirectory,
    private readonly teaching: TeachingDirectory,
    private readonly itemReviews: ItemReviewDirectory,
  ) {}

  /** undefined when the document is not part of anything in the member's school. */
  of(
    docId: string,
    member: { memberId: string; role: Role; schoolId: string },
  ): 'none' | 'read' | 'write' | undefined {
    const plan = this.plans.byDoc(docId)
    if (plan) return plan.schoolId === member.schoolId ? planDocumentAccess(plan, member) : undefined
    const map = this.maps.byDoc(docId)
    if (map) return map.schoolId === member.schoolId ? mapDocumentAccess(map, member) : undefined
    const teaching = this.teaching.byDoc(docId)
    if (teaching)
      return teaching.schoolId === member.schoolId ? teachingDocumentAccess(teaching, member) : undefined
    const review = this.itemReviews.byDoc(docId)
    if (review)
      return review.schoolId === member.schoolId ? itemReviewDocumentAccess(review, member) : undefined
    return undefined
  }
}
