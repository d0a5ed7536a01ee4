import { Injectable, Logger, type OnModuleInit } from '@nestjs/common'
import { ItemReviewDirectory } from '../item-reviews/item-review-directory.js'
import { MapDirectory } from '../maps/map-directory.js'
import { PlanDirectory } from '../plans/plan-directory.js'
import { SchoolDirectory } from '../schools/school-directory.js'
import { CollabAccess, isRefusal } from './collab-access.js'
import { closeCodes } from './collab-connection.js'
import { CollabGateway } from './collab-gateway.js'

/**
 * Keeps open collaboration connections in line with the school as it changes. A member removed from the
 * school, or from the plan or map whose document they have open, is disconnected; one who may now only read
 * (another role, a submitted plan) has their updates dropped from then on; one granted writing may write.
 * It runs as each school, plan, map or item review event is applied, so the answer to the command that changed access
 * comes after the connections have been changed.
 */
@Injectable()
export class CollabAccessReview implements OnModuleInit {
  private readonly logger = new Logger(CollabAccessReview.name)

  constructor(
    private readonly schools: SchoolDirectory,
    private readonly plans: PlanDirectory,
    private readonly maps: MapDirectory,
    private readonly itemReviews: ItemReviewDirectory,
    private readonly gateway: CollabGateway,
    private readonly access: CollabAccess,
  ) {}

  onModuleInit(): void {
    for (const directory of [this.schools, this.plans, this.maps, this.itemReviews])
      directory.onApplied(() => this.review())
  }

  /** Asks the access policy again for every open connection and applies its answer. */
  review(): void {
    for (const connection of this.gateway.openConnections()) {
      const { docId, identity } = connection
      const now = this.access.reconsider(docId, identity)
      if (isRefusal(now)) {
        this.logger.log({ docId, actorId: identity.actorId, reason: now.reason }, 'access revoked')
        connection.close(closeCodes.accessRevoked, now.reason)
      } else if (now.canWrite !== identity.canWrite) {
        this.logger.log({ docId, actorId: identity.actorId, canWrite: now.canWrite }, 'access changed')
        connection.setCanWrite(now.canWrite)
      }
    }
  }
}
